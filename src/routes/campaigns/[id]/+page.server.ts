import { fail, redirect } from '@sveltejs/kit';
import { nextStates } from '$lib/domain/campaign-lifecycle';
import { getTemplate } from '$lib/domain/campaign-templates';
import { auditActor } from '$lib/server/auth/actor';
import { listVoterCandidates } from '$lib/server/campaigns/choices';
import { countBallotCodes } from '$lib/server/campaigns/codes';
import { requireCampaign } from '$lib/server/campaigns/access';
import { getBallotDefinition } from '$lib/server/campaigns/definition';
import {
	NotEditableError,
	removeSubject,
	setNamedElectorate,
	updateDraft
} from '$lib/server/campaigns/edit';
import { getElectorate } from '$lib/server/campaigns/electorate';
import { goLive, TransitionError, transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { transitionMessage } from '$lib/server/campaigns/lifecycle-messages';
import { countUnresolvedSheets } from '$lib/server/campaigns/paper';
import { countTestRun } from '$lib/server/campaigns/consequences';
import {
	isConfirmed,
	transitionConsequence,
	type LifecycleStep
} from '$lib/server/campaigns/transition-confirm';
import { getTurnout, listNonVoters } from '$lib/server/campaigns/queries';
import { parseLocalDateTime } from '$lib/server/campaigns/validate';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { addSubjectsByName, editQuestion, editTiers } from './draft-actions';

/** The campaign's id once the organizer is known to manage it. */
async function campaignIdOf(locals: App.Locals, params: { id: string }): Promise<number> {
	return (await requireCampaign(locals.user, params.id)).campaign.id;
}

export const load = (async ({ locals, params }) => {
	const db = getDatabase().db;
	const definition = await requireCampaign(locals.user, params.id);
	const { campaign } = definition;
	const id = campaign.id;
	const named = campaign.electorateSource === 'named';
	const keying = campaign.state === 'open' || campaign.state === 'closed';
	const [turnout, codes, electorate, candidates, nonVoters, unresolved] = await Promise.all([
		getTurnout(db, id),
		countBallotCodes(db, id),
		getElectorate(db, id),
		named && campaign.state === 'draft' ? listVoterCandidates(db) : Promise.resolve([]),
		// Who has not voted is shown only where the campaign is not secret (named campaigns).
		!campaign.secret && campaign.state !== 'draft' ? listNonVoters(db, id) : Promise.resolve([]),
		keying ? countUnresolvedSheets(db, id) : Promise.resolve({ awaiting: 0, mismatch: 0 })
	]);
	return {
		campaign,
		subjects: definition.subjects,
		questions: definition.questions,
		tiers: definition.tiers,
		next: nextStates(campaign.state).filter((s) => s !== 'published'),
		canAddSubjects: getTemplate(campaign.kind).subjectKinds.length > 0,
		turnout,
		codes,
		electorate,
		candidates,
		nonVoters,
		unresolved
	};
}) satisfies PageServerLoad;

export const actions = {
	transition: changeState,
	goLive: endTestRun,
	update: updateDetails,
	removeSubject: dropSubject,
	electorate: saveElectorate,
	question: editQuestion,
	tiers: editTiers,
	addSubjects: addSubjectsByName
} satisfies Actions;

/**
 * Opening, closing, archiving and going live cannot be undone, so each takes two posts, and
 * works without JavaScript: without `confirm=yes` the action changes nothing and answers 400 with
 * the consequence and a second form that carries `confirm=yes`.
 */
async function changeState({ locals, params, request }: RequestEvent) {
	const { campaign } = await requireCampaign(locals.user, params.id);
	const id = campaign.id;
	const form = await request.formData();
	const to = String(form.get('to') ?? '') as LifecycleStep;
	if (!['open', 'closed', 'archived'].includes(to))
		return fail(400, { message: m.campaigns_error_transition(), confirm: null });
	if (!isConfirmed(form)) {
		const consequence = await transitionConsequence(getDatabase().db, campaign, to);
		return fail(400, {
			message: m.campaigns_confirm_needed(),
			confirm: { action: 'transition' as const, to, consequence }
		});
	}
	try {
		await transitionCampaign(getDatabase().db, id, to, auditActor(locals.user));
	} catch (e) {
		if (e instanceof TransitionError)
			return fail(409, { message: transitionMessage(e.refusal), confirm: null });
		throw e;
	}
	redirect(303, `/campaigns/${id}`);
}

async function endTestRun({ locals, params, request }: RequestEvent) {
	const id = await campaignIdOf(locals, params);
	if (!isConfirmed(await request.formData())) {
		const counts = await countTestRun(getDatabase().db, id);
		return fail(400, {
			message: m.campaigns_confirm_needed(),
			confirm: {
				action: 'goLive' as const,
				to: '',
				consequence: [m.campaigns_confirm_go_live(counts)]
			}
		});
	}
	try {
		await goLive(getDatabase().db, id, auditActor(locals.user));
	} catch (e) {
		if (e instanceof TransitionError)
			return fail(409, { message: transitionMessage(e.refusal), confirm: null });
		throw e;
	}
	redirect(303, `/campaigns/${id}`);
}

async function updateDetails({ locals, params, request }: RequestEvent) {
	const id = await campaignIdOf(locals, params);
	const form = await request.formData();
	const title = String(form.get('title') ?? '').trim();
	const opensAt = parseLocalDateTime(String(form.get('opensAt') ?? ''));
	const closesAt = parseLocalDateTime(String(form.get('closesAt') ?? ''));
	if (title.length === 0 || title.length > 200)
		return fail(400, { message: m.campaigns_error_title() });
	if (
		opensAt === 'invalid' ||
		closesAt === 'invalid' ||
		(opensAt && closesAt && opensAt >= closesAt)
	)
		return fail(400, { message: m.campaigns_error_window() });
	return editing(id, () =>
		updateDraft(getDatabase().db, id, { title, opensAt, closesAt }, auditActor(locals.user))
	);
}

async function dropSubject({ locals, params, request }: RequestEvent) {
	const id = await campaignIdOf(locals, params);
	const subjectId = Number((await request.formData()).get('subjectId'));
	if (!Number.isSafeInteger(subjectId)) return fail(400, { message: m.campaigns_error_subjects() });
	return editing(id, () => removeSubject(getDatabase().db, id, subjectId, auditActor(locals.user)));
}

async function saveElectorate({ locals, params, request }: RequestEvent) {
	const id = await campaignIdOf(locals, params);
	const form = await request.formData();
	const db = getDatabase().db;
	const known = new Set((await listVoterCandidates(db)).map((c) => c.id));
	const tiers = new Set((await getBallotDefinition(db, id))?.tiers.map((t) => t.id) ?? []);
	const members: { userId: number; tierId: number | null }[] = [];
	for (const raw of form.getAll('userIds')) {
		const userId = Number(raw);
		if (!known.has(userId)) return fail(400, { message: m.campaigns_error_electorate() });
		const tierId = Number(form.get(`tier:${userId}`)) || null;
		if (tierId !== null && !tiers.has(tierId))
			return fail(400, { message: m.campaigns_error_tier() });
		members.push({ userId, tierId });
	}
	return editing(id, () => setNamedElectorate(db, id, members, auditActor(locals.user)));
}

async function editing(id: number, change: () => Promise<void>) {
	try {
		await change();
	} catch (e) {
		if (e instanceof NotEditableError) return fail(409, { message: m.campaigns_error_frozen() });
		throw e;
	}
	redirect(303, `/campaigns/${id}`);
}

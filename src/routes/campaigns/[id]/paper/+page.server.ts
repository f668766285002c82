import { error, fail, redirect } from '@sveltejs/kit';
import type { FormValues } from '$lib/domain/campaign-form';
import { normalizeSerial } from '$lib/domain/campaign-paper';
import { auditActor } from '$lib/server/auth/actor';
import { publicBallot } from '$lib/server/campaigns/ballot-action';
import { requireCampaign } from '$lib/server/campaigns/access';
import { SubmitError } from '$lib/server/campaigns/errors';
import { describeProblems, submitErrorMessage } from '$lib/server/campaigns/messages';
import {
	discardSecondKeying,
	keyPaperBallot,
	listPaperEntries,
	PaperError
} from '$lib/server/campaigns/paper';
import { paperMessage } from '$lib/server/campaigns/paper-messages';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals, params, url }) => {
	const definition = await requireCampaign(locals.user, params.id);
	return {
		...publicBallot(definition),
		state: definition.campaign.state,
		tiers: definition.tiers.map((t) => ({ id: t.id, name: t.name })),
		entries: await listPaperEntries(getDatabase().db, definition.campaign.id),
		outcome: url.searchParams.get('outcome'),
		serial: url.searchParams.get('serial')
	};
}) satisfies PageServerLoad;

export const actions = {
	submit: keyEntry,
	discard: discardEntry
} satisfies Actions;

async function keyEntry({ locals, params, request }: RequestEvent) {
	const definition = await requireCampaign(locals.user, params.id);
	const actor = auditActor(locals.user);
	if (!actor) error(401, { message: m.campaigns_error_sign_in() });
	const form = await request.formData();
	const values: FormValues = {};
	for (const [name, value] of form)
		if (/^[ar]:/.test(name) && typeof value === 'string') (values[name] ??= []).push(value);
	const serial = normalizeSerial(String(form.get('serial') ?? ''));
	const tierText = String(form.get('tierId') ?? '');
	const tierId = tierText === '' ? null : Number(tierText);
	const echo = { values, serial: String(form.get('serial') ?? ''), idempotencyKey: '' };
	if (!serial)
		return fail(400, { ...echo, message: m.campaigns_paper_error_serial(), problems: [] });
	if (tierId !== null && !definition.tiers.some((t) => t.id === tierId))
		return fail(400, { ...echo, message: m.campaigns_error_tier(), problems: [] });
	try {
		const outcome = await keyPaperBallot(getDatabase().db, {
			campaignId: definition.campaign.id,
			serial,
			tierId,
			values,
			actor
		});
		redirect(303, `?outcome=${outcome}&serial=${encodeURIComponent(serial)}`);
	} catch (e) {
		if (e instanceof PaperError)
			return fail(409, { ...echo, message: paperMessage(e.refusal), problems: [] });
		if (!(e instanceof SubmitError)) throw e;
		const problems = describeProblems(e.problems, definition.subjects, definition.questions);
		return fail(e.status, { ...echo, message: submitErrorMessage(e), problems });
	}
}

async function discardEntry({ locals, params, request }: RequestEvent) {
	const definition = await requireCampaign(locals.user, params.id);
	const actor = auditActor(locals.user);
	if (!actor) error(401, { message: m.campaigns_error_sign_in() });
	const serial = normalizeSerial(String((await request.formData()).get('serial') ?? ''));
	if (
		!serial ||
		!(await discardSecondKeying(getDatabase().db, definition.campaign.id, serial, actor))
	)
		return fail(400, {
			message: m.campaigns_paper_error_serial(),
			problems: [],
			values: {},
			serial: '',
			idempotencyKey: ''
		});
	redirect(303, '?outcome=discarded');
}

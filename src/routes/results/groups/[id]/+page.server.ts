import { error, fail, redirect } from '@sveltejs/kit';
import {
	consequenceLabels,
	groupRuleLimits,
	parseRules,
	rawRulesFromRows,
	type Consequence,
	type RuleFormRow
} from '$lib/domain/scoring';
import { auditActor } from '$lib/server/auth/actor';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { canEditResults } from '$lib/server/results/access';
import {
	addMember,
	candidateCampaigns,
	getGroup,
	GroupError,
	groupView,
	publishGroup,
	removeMember,
	saveGroupRules
} from '$lib/server/results/groups';
import { groupMessage, ruleIssueMessages, ruleName } from '$lib/server/results/messages';
import { blankRow, rowOf, rowsFromForm } from '$lib/server/results/rules-form';
import { inScope, readScope, writeScope } from '$lib/server/results/scope';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function idOf(value: string): number {
	const id = parseRowId(value);
	if (id === null) error(404, { message: m.results_group_error_not_found() });
	return id;
}

export const load = (async ({ locals, params }) => {
	const db = getDatabase().db;
	const id = idOf(params.id);
	const detail = await getGroup(db, id, await readScope(db, locals.user));
	if (!detail) error(404, { message: m.results_group_error_not_found() });
	const scope = await writeScope(db, locals.user);
	const canEdit = canEditResults(locals.user) && inScope(scope, detail.group.regionId);
	const open = detail.result === null;
	let view = null;
	let viewError: string | null = null;
	try {
		view = await groupView(db, detail);
	} catch (e) {
		if (!(e instanceof GroupError)) throw e;
		viewError = groupMessage(e.refusal);
	}
	const labels = new Map((view?.snapshot.ranking ?? []).map((s) => [s.key, s.label]));
	const rows = detail.rules.map(rowOf);
	return {
		group: {
			id: detail.group.id,
			title: detail.group.title,
			kind: detail.group.kind,
			year: detail.group.year,
			region: detail.regionName
		},
		members: detail.members,
		view: view && {
			frozen: view.frozen,
			pending: view.pending,
			allPublished: view.allPublished,
			exact: view.snapshot.settings.rankOn === 'exact',
			basis: view.snapshot.basis,
			ranking: view.snapshot.ranking,
			outcomes: view.snapshot.outcomes.map((o) => ({
				rule: ruleName(o.ruleId),
				subject: labels.get(o.subject) ?? o.subject,
				consequences: o.consequences.map((c) => consequenceLabels[c as Consequence])
			}))
		},
		viewError,
		publishedAt: detail.result?.publishedAt ?? null,
		sha256: detail.result?.sha256 ?? null,
		canEdit: canEdit && open,
		candidates: canEdit && open ? await candidateCampaigns(db, detail.group, scope) : [],
		rows: canEdit && open ? [...rows, blankRow] : rows
	};
}) satisfies PageServerLoad;

async function withGroup(
	event: RequestEvent,
	run: (id: number, scope: number[] | null, form: FormData) => Promise<unknown>
) {
	const db = getDatabase().db;
	const id = idOf(event.params.id);
	const form = await event.request.formData();
	try {
		await run(id, await writeScope(db, event.locals.user), form);
	} catch (e) {
		if (!(e instanceof GroupError)) throw e;
		const status = e.refusal === 'not_found' ? 404 : e.refusal === 'frozen' ? 409 : 400;
		return fail(status, {
			message: groupMessage(e.refusal),
			issues: ruleIssueMessages(e.issues),
			rows: null as RuleFormRow[] | null
		});
	}
	redirect(303, `/results/groups/${id}`);
}

const campaignOf = (form: FormData) => {
	const id = parseRowId(String(form.get('campaign') ?? ''));
	if (id === null) throw new GroupError('campaign_not_found');
	return id;
};

export const actions = {
	add: (event) =>
		withGroup(event, (id, scope, form) =>
			addMember(getDatabase().db, id, campaignOf(form), scope, auditActor(event.locals.user))
		),
	remove: (event) =>
		withGroup(event, (id, scope, form) =>
			removeMember(getDatabase().db, id, campaignOf(form), scope, auditActor(event.locals.user))
		),
	rules: async (event) => {
		const db = getDatabase().db;
		const id = idOf(event.params.id);
		const rows = rowsFromForm(await event.request.formData());
		const raw = rawRulesFromRows(rows);
		const parsed = parseRules(raw, groupRuleLimits);
		const invalid = (issues: string[]) =>
			fail(400, { message: groupMessage('invalid_rules'), issues, rows });
		if (!parsed.ok) return invalid(ruleIssueMessages(parsed.issues));
		try {
			await saveGroupRules(
				db,
				id,
				raw,
				await writeScope(db, event.locals.user),
				auditActor(event.locals.user)
			);
		} catch (e) {
			if (!(e instanceof GroupError)) throw e;
			const status = e.refusal === 'not_found' ? 404 : e.refusal === 'frozen' ? 409 : 400;
			return fail(status, {
				message: groupMessage(e.refusal),
				issues: ruleIssueMessages(e.issues),
				rows
			});
		}
		redirect(303, `/results/groups/${id}#rules`);
	},
	publish: (event) =>
		withGroup(event, (id, scope) =>
			publishGroup(getDatabase().db, id, scope, auditActor(event.locals.user))
		)
} satisfies Actions;

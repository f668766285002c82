import { fail, redirect } from '@sveltejs/kit';
import {
	parseRules,
	rankingsOfKind,
	rawRulesFromRows,
	campaignRuleLimits,
	type RuleFormRow
} from '$lib/domain/scoring';
import { auditActor } from '$lib/server/auth/actor';
import { getDatabase } from '$lib/server/db';
import {
	canEditRules,
	resetCampaignRules,
	RulesError,
	rulesOfCampaign,
	saveCampaignRules
} from '$lib/server/results/campaign-rules';
import { campaignInScope, canWriteCampaign } from '$lib/server/results/guard';
import { ruleIssueMessages } from '$lib/server/results/messages';
import { blankRow, rowOf, rowsFromForm } from '$lib/server/results/rules-form';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals, params }) => {
	const campaign = await campaignInScope(locals.user, params.id);
	const { rules, source } = await rulesOfCampaign(getDatabase().db, campaign);
	const editable = canEditRules(campaign.state) && (await canWriteCampaign(locals.user, campaign));
	const rows = rules.map(rowOf);
	return {
		campaign: {
			id: campaign.id,
			title: campaign.title,
			state: campaign.state,
			kind: campaign.kind
		},
		source,
		frozen: !canEditRules(campaign.state),
		editable,
		rankings: rankingsOfKind(campaign.kind),
		rows: editable ? [...rows, blankRow] : rows
	};
}) satisfies PageServerLoad;

function refusal(e: unknown, rows: RuleFormRow[]) {
	if (!(e instanceof RulesError)) throw e;
	if (e.refusal === 'frozen') return fail(409, { message: m.results_rules_error_frozen(), rows });
	if (e.refusal === 'not_found') return fail(404, { message: m.results_error_not_found(), rows });
	return fail(400, {
		message: m.results_rules_error_invalid(),
		issues: ruleIssueMessages(e.issues),
		rows
	});
}

async function save({ locals, params, request }: RequestEvent) {
	const campaign = await campaignInScope(locals.user, params.id, 'write');
	const rows = rowsFromForm(await request.formData());
	const raw = rawRulesFromRows(rows);
	// Checked here as well so the page can answer before opening a transaction.
	const parsed = parseRules(raw, campaignRuleLimits(rankingsOfKind(campaign.kind)));
	if (!parsed.ok)
		return fail(400, {
			message: m.results_rules_error_invalid(),
			issues: ruleIssueMessages(parsed.issues),
			rows
		});
	try {
		await saveCampaignRules(getDatabase().db, campaign.id, raw, auditActor(locals.user));
	} catch (e) {
		return refusal(e, rows);
	}
	redirect(303, `/results/${campaign.id}/rules?saved=1`);
}

async function reset({ locals, params }: RequestEvent) {
	const campaign = await campaignInScope(locals.user, params.id, 'write');
	try {
		await resetCampaignRules(getDatabase().db, campaign.id, auditActor(locals.user));
	} catch (e) {
		return refusal(e, []);
	}
	redirect(303, `/results/${campaign.id}/rules?saved=1`);
}

export const actions = { save, reset } satisfies Actions;

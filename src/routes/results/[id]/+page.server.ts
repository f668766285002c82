import { error, fail, redirect } from '@sveltejs/kit';
import { annualRatingLabels, consequenceLabels, type Consequence } from '$lib/domain/scoring';
import { auditActor } from '$lib/server/auth/actor';
import { countUnresolvedSheets } from '$lib/server/campaigns/paper';
import type { Executor } from '$lib/server/campaigns/definition';
import { getDatabase } from '$lib/server/db';
import { annualRatingProposals } from '$lib/server/results/annual-ratings';
import { canEditRules } from '$lib/server/results/campaign-rules';
import { campaignInScope, canWriteCampaign } from '$lib/server/results/guard';
import {
	capRuleName,
	outcomeMessage,
	publishMessage,
	ruleName
} from '$lib/server/results/messages';
import {
	annotateOutcome,
	decideOutcome,
	listOutcomes,
	OutcomeError
} from '$lib/server/results/outcomes';
import { publishedGroupOfCampaign } from '$lib/server/results/groups';
import { PublishError, publishResults } from '$lib/server/results/publish';
import { getStaffResults, groupOfCampaign } from '$lib/server/results/queries';
import { describeTrigger, triggerLookups } from '$lib/server/results/trigger-text';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals, params }) => {
	const db = getDatabase().db;
	const id = (await campaignInScope(locals.user, params.id)).id;
	const [results, outcomes, group] = await Promise.all([
		getStaffResults(db, id),
		listOutcomes(db, id),
		groupOfCampaign(db, id)
	]);
	if (!results) error(404, { message: m.results_error_not_found() });
	const [ratings, groupRanking] = await Promise.all([
		annualRatingProposals(db, results.campaign, results.snapshot),
		outcomes.some((o) => o.ruleId.startsWith('group:')) ? groupRankingOf(db, id) : []
	]);
	const look = triggerLookups(results.snapshot, groupRanking);
	const label = (rating: keyof typeof annualRatingLabels | null) =>
		rating === null ? null : annualRatingLabels[rating];
	const ratingText = (rating: keyof typeof annualRatingLabels) =>
		getLocale() === 'zh-CN' ? annualRatingLabels[rating].zh : annualRatingLabels[rating].en;
	return {
		campaign: {
			id: results.campaign.id,
			title: results.campaign.title,
			state: results.campaign.state
		},
		report: results.report,
		proposed: results.report.outcomes.map((o, i) => ({
			...o,
			rule: ruleName(o.ruleId),
			trigger: describeTrigger(results.snapshot.outcomes[i].trigger, look)
		})),
		canEdit: await canWriteCampaign(locals.user, results.campaign),
		rulesEditable: canEditRules(results.campaign.state),
		group,
		ratings: ratings && {
			year: ratings.year,
			rows: ratings.rows.map((row) => {
				const rule = capRuleName(row.cap);
				// Why the cap lowered the rating: the head rule counts the unit's team, not the cadre.
				const why = (() => {
					if (!row.lowered || !row.fromScore || !row.rating) return null;
					const common = {
						subject: row.subject,
						campaign: results.campaign.title,
						score: row.score ?? '',
						from: ratingText(row.fromScore),
						year: ratings.year,
						rule,
						rating: ratingText(row.rating)
					};
					return row.cap === 'head_of_team_interviewed_twice' && row.headOf
						? m.results_ar_why_head({
								...common,
								unit: row.headOf.unit,
								count: row.headOf.teamInterviews
							})
						: m.results_ar_why({ ...common, count: row.interviews });
				})();
				return { ...row, fromScore: label(row.fromScore), rating: label(row.rating), rule, why };
			})
		},
		published: results.published,
		outcomes: outcomes.map((o) => ({
			id: o.id,
			rule: ruleName(o.ruleId),
			subject: o.subjectLabel,
			consequences: o.consequences.map((c) => consequenceLabels[c as Consequence]),
			trigger: describeTrigger(o.numbers, look),
			status: o.status,
			reason: o.reason,
			annotations: o.annotations,
			rectificationId: o.rectificationId
		}))
	};
}) satisfies PageServerLoad;

/** The labels of a campaign's frozen group ranking, which name the members tied in it. */
async function groupRankingOf(db: Executor, campaignId: number) {
	const frozen = await publishedGroupOfCampaign(db, campaignId);
	if (!frozen) return [];
	return (JSON.parse(frozen.snapshot) as { ranking: { key: string; label: string }[] }).ranking;
}

export const actions = {
	publish: publish,
	decide: decide,
	annotate: annotate
} satisfies Actions;

/**
 * Publishing cannot be undone, so it takes two posts (without JavaScript too): without
 * `confirm=yes` nothing changes and the page answers 400 with the consequence and a second form;
 * a campaign with unresolved paper sheets is refused at once, before the confirmation.
 */
async function publish({ locals, params, request }: RequestEvent) {
	const id = (await campaignInScope(locals.user, params.id, 'write')).id;
	const db = getDatabase().db;
	if ((await request.formData()).get('confirm') !== 'yes') {
		const sheets = await countUnresolvedSheets(db, id);
		if (sheets.awaiting + sheets.mismatch > 0)
			return fail(409, {
				message: publishMessage(new PublishError('paper_unresolved', sheets)),
				confirmPublish: false
			});
		return fail(400, { message: m.results_publish_confirm_needed(), confirmPublish: true });
	}
	try {
		await publishResults(db, id, auditActor(locals.user));
	} catch (e) {
		if (e instanceof PublishError)
			return fail(409, { message: publishMessage(e), confirmPublish: false });
		throw e;
	}
	redirect(303, `/results/${id}`);
}

async function decide({ locals, params, request }: RequestEvent) {
	const id = (await campaignInScope(locals.user, params.id, 'write')).id;
	const form = await request.formData();
	const outcomeId = Number(form.get('outcome'));
	const status = String(form.get('status') ?? '');
	const reason = String(form.get('reason') ?? '').slice(0, 2000);
	if (!Number.isSafeInteger(outcomeId) || (status !== 'confirmed' && status !== 'overturned'))
		return fail(400, { message: m.results_error_bad_request(), outcome: outcomeId, reason });
	try {
		await decideOutcome(
			getDatabase().db,
			outcomeId,
			{ status, reason },
			auditActor(locals.user),
			id
		);
	} catch (e) {
		if (e instanceof OutcomeError)
			return fail(e.refusal === 'not_found' ? 404 : 400, {
				message: outcomeMessage(e.refusal),
				outcome: outcomeId,
				reason
			});
		throw e;
	}
	redirect(303, `/results/${id}#outcomes`);
}

async function annotate({ locals, params, request }: RequestEvent) {
	const id = (await campaignInScope(locals.user, params.id, 'write')).id;
	const form = await request.formData();
	const outcomeId = Number(form.get('outcome'));
	const text = String(form.get('text') ?? '').slice(0, 2000);
	if (!Number.isSafeInteger(outcomeId))
		return fail(400, { message: m.results_error_bad_request(), outcome: outcomeId, text });
	try {
		await annotateOutcome(getDatabase().db, outcomeId, text, auditActor(locals.user), id);
	} catch (e) {
		if (e instanceof OutcomeError)
			return fail(e.refusal === 'not_found' ? 404 : 400, {
				message: outcomeMessage(e.refusal),
				outcome: outcomeId,
				text
			});
		throw e;
	}
	redirect(303, `/results/${id}#outcomes`);
}

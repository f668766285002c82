/**
 * A campaign's results from its stored ballots: counts come from SQL (aggregate.ts), the
 * arithmetic from the scoring engine. The same function serves the staff page, publication and
 * `npm run audit:verify`, so a published snapshot can always be recomputed and compared.
 */
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { fromInt, validateWeights, type ChoiceTally } from '$lib/domain/scoring';
import {
	getBallotDefinition,
	type BallotDefinition,
	type Executor
} from '$lib/server/campaigns/definition';
import { countCampaign, type CampaignCounts } from './aggregate';
import { computeItem, untiered, type ItemComputation } from './items';
import { headlinesFor, ruleQuestionFor } from './main-figure';
import { proposeOutcomes, rankHeadlines } from './rankings';
import { computeSelections } from './selections';
import {
	rateOptionsOf,
	readResultSettings,
	rulesFor,
	toEngineScale,
	type ResultSettings
} from './settings';
import { snapshotFormat, type ItemResult, type ResultsSnapshot, type Standing } from './snapshot';

export interface ComputedResults {
	snapshot: ResultsSnapshot;
	/** Ids of the rules actually evaluated (rank rules need two ranked subjects). */
	rulesApplied: string[];
}

/** Results of a campaign as they stand now, or null when there is no such campaign. */
export async function computeResults(
	db: Executor,
	campaignId: number
): Promise<ComputedResults | null> {
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition) return null;
	return buildResults(definition, await countCampaign(db, campaignId));
}

const key3 = (q: number, s: number, t: string) => `${q}|${s}|${t}`;

/** Count lookups keyed by question, subject and tier key. */
function indexCounts(definition: BallotDefinition, counts: CampaignCounts) {
	const tierKey = new Map(definition.tiers.map((t) => [t.id, t.key]));
	const keyOf = (id: number | null) => (id === null ? untiered : (tierKey.get(id) ?? untiered));
	const ballots = new Map<number, Map<string, number>>();
	for (const subject of definition.subjects)
		ballots.set(subject.id, new Map(definition.tiers.map((t) => [t.key, 0])));
	for (const row of counts.ballots) {
		const bySubject = ballots.get(row.subjectId);
		const tier = keyOf(row.tierId);
		bySubject?.set(tier, (bySubject.get(tier) ?? 0) + row.n);
	}
	const options = new Map<string, Record<string, number>>();
	for (const row of counts.options) {
		const k = key3(row.questionId, row.subjectId, keyOf(row.tierId));
		const entry = options.get(k) ?? {};
		entry[row.key] = (entry[row.key] ?? 0) + row.n;
		options.set(k, entry);
	}
	const scores = new Map<string, { total: bigint; n: number }>();
	for (const row of counts.scores) {
		const k = key3(row.questionId, row.subjectId, keyOf(row.tierId));
		const entry = scores.get(k) ?? { total: 0n, n: 0 };
		scores.set(k, { total: entry.total + row.total, n: entry.n + row.n });
	}
	return { ballots, options, scores };
}

function weightsOf(definition: BallotDefinition, settings: ResultSettings) {
	if (!settings.tierWeighting || definition.tiers.length === 0) return null;
	validateWeights(definition.tiers, 'tier weights');
	return new Map(definition.tiers.map((t) => [t.key, t.weight]));
}

export function buildResults(
	definition: BallotDefinition,
	counts: CampaignCounts
): ComputedResults {
	const { campaign, subjects, questions, tiers } = definition;
	const settings = readResultSettings(campaign.settings);
	const index = indexCounts(definition, counts);
	const weights = weightsOf(definition, settings);
	const computed = new Map<string, ItemComputation>();
	for (const subject of subjects)
		for (const question of questions.filter((q) => q.appliesTo.includes(subject.kind))) {
			const scale = toEngineScale(question);
			if (!scale) continue;
			const item = computeItem(
				{
					question: question.key,
					subject: subject.id,
					scale,
					ballots: index.ballots.get(subject.id) ?? new Map(),
					weights,
					tiered: tiers.length > 0,
					counts: {
						options: (t) => index.options.get(key3(question.id, subject.id, t)) ?? {},
						scores: (t) => index.scores.get(key3(question.id, subject.id, t)) ?? { total: 0n, n: 0 }
					}
				},
				settings
			);
			computed.set(`${question.key}|${subject.id}`, item);
		}
	const selections = computeSelections(definition, counts, index.ballots, settings);
	const { basis, rankings } = rankAll(definition, computed, selections.picks, settings);
	const tallies = ruleTallies(definition, computed);
	const rules = rulesFor(campaign.kind);
	const { applied, outcomes } = proposeOutcomes(campaign.id, rankings, tallies, rules, settings);
	const snapshot: ResultsSnapshot = {
		format: snapshotFormat,
		campaign: {
			id: campaign.id,
			kind: campaign.kind,
			title: campaign.title,
			secret: campaign.secret
		},
		ballots: counts.ballots.reduce((n, row) => n + row.n, 0),
		settings: {
			minBallots: settings.minBallots,
			rateDenominator: settings.rateDenominator,
			scoreDenominator: settings.scoreDenominator,
			scoreRounding: settings.scoreRounding,
			rateRounding: settings.rateRounding,
			rankOn: settings.rankOn,
			rankMethod: settings.rank.method ?? 'competition',
			tierWeighting: weights !== null,
			expectedRaters: settings.expectedRaters
		},
		tiers: tiers.map((t) => ({ key: t.key, name: { zh: t.name, en: t.nameEn }, weight: t.weight })),
		questions: questions.map((q) => describeQuestion(q, settings)),
		subjects: subjects.map((s) => ({ id: s.id, kind: s.kind, label: s.label, detail: s.detail })),
		basis,
		rankings,
		items: [...computed.values()].map((c): ItemResult => c.result),
		selections: selections.results,
		rules,
		outcomes
	};
	return { snapshot, rulesApplied: applied.map((rule) => rule.id) };
}

function rankAll(
	definition: BallotDefinition,
	computed: Map<string, ItemComputation>,
	picks: Map<string, Map<number, number>> | null,
	settings: ResultSettings
): { basis: 'score' | 'rate' | 'picks'; rankings: Record<string, Standing[]> } {
	const ranked = rankedSubjects(definition.subjects);
	if (definition.campaign.kind === 'top_bottom_ten') {
		const of = (name: string) =>
			ranked.map((s) => {
				const count = picks?.get(name)?.get(s.id);
				return {
					subjectId: s.id,
					value: count === undefined ? null : fromInt(count),
					suppressed: picks === null
				};
			});
		const best = rankHeadlines(of('best'), 'picks', settings);
		// Most 'worst' picks is last place: ranked lower-is-better, so positionFromBottom 1 is the worst.
		const worst = rankHeadlines(of('worst'), 'picks', settings, {
			...settings.rank,
			direction: 'lower-is-better'
		});
		return { basis: 'picks', rankings: { main: best, best, worst } };
	}
	const { basis, headlines } = headlinesFor(definition, ranked, computed);
	return { basis, rankings: { main: rankHeadlines(headlines, basis, settings) } };
}

/** Subjects that compete with each other: everything but the campaign-wide 'overall' subject. */
function rankedSubjects(subjects: readonly BallotSubject[]): BallotSubject[] {
	const specific = subjects.filter((s) => s.kind !== 'overall');
	return specific.length > 0 ? specific : [...subjects];
}

function ruleTallies(definition: BallotDefinition, computed: Map<string, ItemComputation>) {
	const tallies: Record<string, ChoiceTally> = {};
	for (const subject of definition.subjects) {
		const question = ruleQuestionFor(definition, subject);
		const item = question ? computed.get(`${question.key}|${subject.id}`) : undefined;
		if (item && !item.result.suppressed && item.pooled.kind === 'choice')
			tallies[String(subject.id)] = item.pooled;
	}
	return tallies;
}

function describeQuestion(q: BallotQuestion, settings: ResultSettings) {
	const scale = toEngineScale(q);
	const options = q.scale.type === 'choice' || q.scale.type === 'checklist' ? q.scale.options : [];
	return {
		key: q.key,
		kind: q.kind,
		prompt: q.prompt,
		dimension: q.dimension,
		options: options.map((o) => ({
			key: o.key,
			label: o.label,
			value: o.value,
			excluded: o.excluded
		})),
		rateOptions: scale?.kind === 'choice' ? rateOptionsOf(scale, settings) : null
	};
}

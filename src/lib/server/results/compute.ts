/**
 * A campaign's results from its stored ballots: counts come from SQL (aggregate.ts), the
 * arithmetic from the scoring engine. The same function serves the staff page, publication and
 * `npm run audit:verify`, so a published snapshot can always be recomputed and compared.
 */
import { audienceSettings } from '$lib/domain/audience';
import type { BallotQuestion } from '$lib/domain/campaign-scale';
import { validateWeights, type ConsequenceRule } from '$lib/domain/scoring';
import {
	getBallotDefinition,
	type BallotDefinition,
	type Executor
} from '$lib/server/campaigns/definition';
import { countCampaign, type CampaignCounts } from './aggregate';
import { rulesOfCampaign } from './campaign-rules';
import { computeItem, untiered, type ItemComputation, type ItemInput } from './items';
import { basisOf, rankAll, ruleTallies } from './main-figure';
import { proposeOutcomes } from './rankings';
import { computeSelections } from './selections';
import {
	rateOptionsOf,
	readResultSettings,
	rulesFor,
	toEngineScale,
	type ResultSettings
} from './settings';
import {
	snapshotFormat,
	type ItemResult,
	type ResultsSnapshot,
	type SnapshotFormat
} from './snapshot';

export interface ComputedResults {
	snapshot: ResultsSnapshot;
	/** Ids of the rules actually evaluated (rank rules need two ranked subjects). */
	rulesApplied: string[];
}

/** Results of a campaign as they stand now, or null when there is no such campaign. */
export async function computeResults(
	db: Executor,
	campaignId: number,
	format: SnapshotFormat = snapshotFormat
): Promise<ComputedResults | null> {
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition) return null;
	const { rules } = await rulesOfCampaign(db, definition.campaign);
	// TV viewers' ballots count with the jury only when the campaign says so (docs/RESULTS.md).
	if (audienceSettings(definition.campaign.settings).countWithJury)
		return buildResults(definition, await countCampaign(db, campaignId, 'all'), {
			rules,
			audienceWithJury: true,
			format
		});
	const counts = await countCampaign(db, campaignId, 'jury');
	const audience = await countCampaign(db, campaignId, 'audience');
	return buildResults(definition, counts, {
		rules,
		audience: audience.ballots.length > 0 ? audience : null,
		format
	});
}

export interface BuildOptions {
	/** The campaign's own rules (edited by staff); default: the kind's template. */
	rules?: ConsequenceRule[];
	/** Audience ballots counted apart from the jury: shown as their own section, no rules. */
	audience?: CampaignCounts | null;
	/** The campaign counts audience ballots with the jury (recorded in the snapshot's settings). */
	audienceWithJury?: boolean;
	/** The rules to compute by: a published snapshot's own format when it is verified. */
	format?: SnapshotFormat;
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

function computeItems(
	definition: BallotDefinition,
	index: ReturnType<typeof indexCounts>,
	weights: Map<string, number> | null,
	settings: ResultSettings,
	withholdOnHidden: ItemInput['withholdOnHidden']
): Map<string, ItemComputation> {
	const computed = new Map<string, ItemComputation>();
	for (const subject of definition.subjects)
		for (const question of definition.questions.filter((q) => q.appliesTo.includes(subject.kind))) {
			const scale = toEngineScale(question);
			if (!scale) continue;
			const at = (t: string) => key3(question.id, subject.id, t);
			const input = {
				question: question.key,
				subject: subject.id,
				scale,
				ballots: index.ballots.get(subject.id) ?? new Map<string, number>(),
				weights,
				tiered: definition.tiers.length > 0,
				withholdOnHidden,
				counts: {
					options: (t: string) => index.options.get(at(t)) ?? {},
					scores: (t: string) => index.scores.get(at(t)) ?? { total: 0n, n: 0 }
				}
			};
			computed.set(`${question.key}|${subject.id}`, computeItem(input, settings));
		}
	return computed;
}

function snapshotSettings(settings: ResultSettings, weighted: boolean, audienceWithJury: boolean) {
	return {
		// Only written when true, so snapshots published before audience voting recompute identically.
		...(audienceWithJury ? { audienceWithJury: true as const } : {}),
		minBallots: settings.minBallots,
		rateDenominator: settings.rateDenominator,
		scoreDenominator: settings.scoreDenominator,
		scoreRounding: settings.scoreRounding,
		rateRounding: settings.rateRounding,
		rankOn: settings.rankOn,
		rankMethod: settings.rank.method ?? 'competition',
		tierWeighting: weighted,
		expectedRaters: settings.expectedRaters
	};
}

export function buildResults(
	definition: BallotDefinition,
	counts: CampaignCounts,
	options: BuildOptions = {}
): ComputedResults {
	const { campaign, subjects, questions, tiers } = definition;
	const settings = readResultSettings(campaign.settings);
	const index = indexCounts(definition, counts);
	const weights = weightsOf(definition, settings);
	const format = options.format ?? snapshotFormat;
	const computed = computeItems(
		definition,
		index,
		weights,
		settings,
		format === 'minping-results/1'
			? null
			: basisOf(campaign.kind) === 'rate'
				? 'weighted'
				: 'pooled'
	);
	const selections = computeSelections(definition, counts, index.ballots, settings);
	const { basis, rankings } = rankAll(definition, computed, selections.picks, settings);
	const tallies = ruleTallies(definition, computed);
	const rules = options.rules ?? rulesFor(campaign.kind);
	const { applied, outcomes } = proposeOutcomes(campaign.id, rankings, tallies, rules, settings);
	const { id, kind, title, secret } = campaign;
	const snapshot: ResultsSnapshot = {
		format,
		campaign: { id, kind, title, secret },
		ballots: counts.ballots.reduce((n, row) => n + row.n, 0),
		settings: snapshotSettings(settings, weights !== null, options.audienceWithJury === true),
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
	// The audience's own figures, by the same engine, when there are any counted apart.
	if (options.audience) {
		const audience = buildResults(definition, options.audience, { rules: [], format }).snapshot;
		snapshot.audience = {
			channel: 'audience',
			ballots: audience.ballots,
			basis: audience.basis,
			rankings: audience.rankings,
			items: audience.items,
			selections: audience.selections
		};
	}
	return { snapshot, rulesApplied: applied.map((rule) => rule.id) };
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

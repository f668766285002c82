/**
 * One item (a question about a subject): tallies per rater tier from the database counts, pooled
 * figures, the tier-weighted score and the minimum-N suppression plan, all from the engine.
 */
import {
	choiceTally,
	combineWeighted,
	displayScore,
	mergeTallies,
	numericTally,
	planSuppression,
	rational,
	returnedCount,
	shareOf,
	validCount,
	weightedScore,
	type ChoiceScale,
	type NumericScale,
	type Rational,
	type Tally
} from '$lib/domain/scoring';
import { rateOptionsOf, type ResultSettings } from './settings';
import type { Figures, ItemResult, TierFigures } from './snapshot';

/** Ballots without a rater tier (e.g. a card printed without one) form their own group. */
export const untiered = 'untiered';

export interface ItemCounts {
	/** Answers per option, per tier key. */
	options: (tier: string) => Record<string, number>;
	/** Sum and number of scores, per tier key. */
	scores: (tier: string) => { total: bigint; n: number };
}

export interface ItemInput {
	question: string;
	subject: number;
	scale: ChoiceScale | NumericScale;
	/** Ballots returned for the subject, per tier key (campaign tiers first, then untiered). */
	ballots: Map<string, number>;
	/** Tier weights when the campaign weights its tiers; null when it pools them. */
	weights: Map<string, number> | null;
	/** Whether the campaign has rater tiers at all (a breakdown is shown only then). */
	tiered: boolean;
	/**
	 * Which figure to leave out when a tier is hidden (format 2): the pooled one when the weighted
	 * score is the headline, the weighted one when the pooled rate is; null leaves both (format 1).
	 */
	withholdOnHidden: 'pooled' | 'weighted' | null;
	counts: ItemCounts;
}

export interface ItemComputation {
	result: ItemResult;
	/** All tiers together (what threshold rules test). */
	pooled: Tally;
	/** The item's headline: the tier-weighted score, else the pooled score; null when hidden. */
	value: Rational | null;
	rate: Figures['rate'];
}

function tallyOf(input: ItemInput, tier: string, expected: number | null): Tally {
	const ballots = input.ballots.get(tier) ?? 0;
	if (input.scale.kind === 'numeric') {
		const { total, n } = input.counts.scores(tier);
		return numericTally(input.scale, {
			sum: rational(total, 1n),
			count: n,
			blank: ballots - n,
			expected
		});
	}
	const counts = input.counts.options(tier);
	const answered = Object.values(counts).reduce((a, b) => a + b, 0);
	return choiceTally(input.scale, counts, { blank: ballots - answered, expected });
}

function isScorable(scale: ChoiceScale | NumericScale): boolean {
	return scale.kind === 'numeric' || scale.options.every((o) => o.excluded || o.value !== null);
}

export function figuresOf(
	tally: Tally,
	settings: ResultSettings,
	denominators: {
		rate: ResultSettings['rateDenominator'];
		score: ResultSettings['scoreDenominator'];
	}
): Figures {
	const rateOptions = tally.kind === 'choice' ? rateOptionsOf(tally.scale, settings) : null;
	return {
		returned: returnedCount(tally),
		valid: validCount(tally),
		blank: tally.blank,
		counts: tally.kind === 'choice' ? { ...tally.counts } : null,
		score: isScorable(tally.scale)
			? weightedScore(tally, { denominator: denominators.score, rounding: settings.scoreRounding })
			: null,
		rate:
			tally.kind === 'choice' && rateOptions
				? shareOf(tally, rateOptions, {
						denominator: denominators.rate,
						rounding: settings.rateRounding
					})
				: null
	};
}

/** Tiers never know the expected count on their own, so they fall back to ballots returned. */
function tierDenominators(settings: ResultSettings) {
	const swap = (kind: ResultSettings['rateDenominator']) =>
		kind === 'expected' ? 'returned' : kind;
	return { rate: swap(settings.rateDenominator), score: swap(settings.scoreDenominator) };
}

export function computeItem(input: ItemInput, settings: ResultSettings): ItemComputation {
	const tiers = [...input.ballots.keys()];
	const total = tiers.reduce((n, tier) => n + (input.ballots.get(tier) ?? 0), 0);
	const tierTallies = new Map(tiers.map((tier) => [tier, tallyOf(input, tier, null)]));
	const pooled = mergeTallies([...tierTallies.values()]);
	const expected = settings.expectedRaters;
	const pooledTally = expected === null ? pooled : withExpected(pooled, expected);
	const hidden = { question: input.question, subject: input.subject, suppressed: true as const };
	if (total < settings.minBallots || total === 0)
		return { result: hidden, pooled: pooledTally, value: null, rate: null };

	const figures = figuresOf(pooledTally, settings, {
		rate: settings.rateDenominator,
		score: settings.scoreDenominator
	});
	const tierFigures = new Map(
		tiers.map((tier) => [
			tier,
			figuresOf(tierTallies.get(tier) as Tally, settings, tierDenominators(settings))
		])
	);
	const weighted = input.weights ? weightedValue(input.weights, tierFigures) : null;
	const tierResults = input.tiered ? breakdown(input, tierFigures, settings.minBallots) : [];
	if (
		input.withholdOnHidden === 'pooled' &&
		weightedRestsOnFew(input, tierFigures, tierResults, settings.minBallots)
	)
		return {
			result: { ...hidden, reason: 'weighted-few' },
			pooled: pooledTally,
			value: null,
			rate: null
		};
	const result: ItemResult = {
		question: input.question,
		subject: input.subject,
		suppressed: false,
		ballots: total,
		pooled: figures,
		weighted: weighted && {
			value: weighted,
			display: displayScore(weighted, settings.scoreRounding)
		},
		tiers: tierResults,
		...withholding(input.withholdOnHidden, tierResults, figures, weighted !== null)
	};
	return {
		result,
		pooled: pooledTally,
		// No tiered ballot at all (cards printed without a tier): nothing to weight, so the pooled score.
		value: weighted ?? figures.score?.value ?? null,
		rate: figures.rate
	};
}

/**
 * Whether the weighted score would give a hidden group away: it mixes only the tiers that have a
 * score and a weight, so when the hidden ones among them hold fewer than N ballots together (a lone
 * paper sheet of one tier beside untiered jury ballots, say) the weighted score is their figure.
 * The item is then hidden whole, as the headline cannot be published and the pooled figure is not
 * the item's method.
 */
function weightedRestsOnFew(
	input: ItemInput,
	figures: Map<string, Figures>,
	tiers: TierFigures[],
	minBallots: number
): boolean {
	if (!input.weights) return false;
	const weighted = (key: string) =>
		(input.weights?.get(key) ?? 0) > 0 && figures.get(key)?.score?.value != null;
	const hiddenWeighted = tiers.filter((t) => t.suppressed && weighted(t.key));
	if (hiddenWeighted.length === 0) return false;
	const ballots = hiddenWeighted.reduce((n, t) => n + (input.ballots.get(t.key) ?? 0), 0);
	return ballots < minBallots;
}

/**
 * Complementary suppression keeps the hidden tiers together at N ballots or more, but the pooled
 * figure and the weighted score are two different mixes of those tiers: published side by side,
 * with each tier's weight and turnout known, they are two equations that give each hidden tier's
 * mean. So while a tier is hidden only one of them is published (docs/SCORING.md §5); the ballot
 * counts (returned, valid, blank) stay, they say nothing of anyone's opinion.
 */
function withholding(
	what: ItemInput['withholdOnHidden'],
	tiers: TierFigures[],
	pooled: Figures,
	hasWeighted: boolean
): Partial<Extract<ItemResult, { suppressed: false }>> {
	if (what === null || !hasWeighted || !tiers.some((t) => t.suppressed)) return {};
	if (what === 'weighted') return { weighted: null, withheld: 'weighted' };
	return { pooled: { ...pooled, counts: null, score: null, rate: null }, withheld: 'pooled' };
}

function withExpected(tally: Tally, expected: number): Tally {
	if (tally.kind === 'numeric') return numericTally(tally.scale, { ...tally, expected });
	return choiceTally(tally.scale, tally.counts, { blank: tally.blank, expected });
}

/** Each tier averaged first, then Σ weight × tier score ÷ Σ weight over tiers with a score. */
function weightedValue(weights: Map<string, number>, figures: Map<string, Figures>) {
	return combineWeighted(
		[...weights].map(([key, weight]) => ({
			weight,
			value: figures.get(key)?.score?.value ?? null
		}))
	);
}

/** Tiers with ballots, each shown or hidden by the minimum-N plan (empty tiers reveal nothing). */
function breakdown(
	input: ItemInput,
	figures: Map<string, Figures>,
	minBallots: number
): TierFigures[] {
	const groups = [...input.ballots]
		.filter(([, n]) => n > 0)
		.map(([key, ballots]) => ({ key, ballots }));
	const plan = planSuppression(groups, minBallots);
	return groups.map(({ key, ballots }): TierFigures => {
		const reason = plan.hidden.get(key);
		if (reason) return { key, suppressed: true, reason };
		return { key, suppressed: false, ballots, ...(figures.get(key) as Figures) };
	});
}

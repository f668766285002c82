/**
 * Tier-weighted and dimension-weighted scores. Each rater tier is averaged first (its own weighted
 * score), then the tiers are combined with integer weights summing to 100; dimensions (德能勤绩廉)
 * combine the same way. Everything stays exact until display.
 */
import { add, div, fromInt, mul, ZERO, type Rational } from './rational';
import {
	defaultRounding,
	displayScore,
	weightedScore,
	type Rounding,
	type ScoreConfig,
	type ScoreResult
} from './rates';
import {
	defaultMinBallots,
	planSuppression,
	type SuppressionPlan,
	type SuppressionReason
} from './suppression';
import { returnedCount, type Tally } from './tally';

export interface Weighted {
	key: string;
	weight: number;
}

/** Weights must be non-negative integers summing to exactly 100 (as the forms enter them). */
export function validateWeights(parts: readonly Weighted[], what: string): void {
	const keys = parts.map((part) => part.key);
	if (new Set(keys).size !== keys.length) throw new RangeError(`${what} repeat a key`);
	const bad = parts.find((part) => !Number.isSafeInteger(part.weight) || part.weight < 0);
	if (bad) throw new RangeError(`${what}: weight of ${bad.key} must be a non-negative integer`);
	const total = parts.reduce((n, part) => n + part.weight, 0);
	if (total !== 100) {
		const terms = parts.map((part) => `${part.key} ${part.weight}`).join(' + ');
		throw new RangeError(`${what} must sum to 100, got ${terms} = ${total}`);
	}
}

export interface TierInput extends Weighted {
	tally: Tally;
	/** People in the tier who returned a ballot; defaults to the tally's returned count. */
	ballots?: number;
}

export interface TieredConfig extends ScoreConfig {
	minBallots?: number;
}

export type TierView =
	| { key: string; weight: number; suppressed: false; ballots: number; score: ScoreResult }
	| { key: string; weight: number; suppressed: true; reason: SuppressionReason };

export type OverallView =
	| {
			suppressed: false;
			ballots: number;
			value: Rational | null;
			display: string | null;
			/** Shown tiers left out because nobody in them gave a valid answer (weights renormalized). */
			missing: readonly string[];
	  }
	| { suppressed: true };

export interface TieredScore {
	overall: OverallView;
	tiers: readonly TierView[];
}

/** Σ weight × value / Σ weight over the parts that have a value (null if none has). */
export function combineWeighted(parts: readonly { weight: number; value: Rational | null }[]) {
	let total = ZERO;
	let weights = 0;
	for (const part of parts) {
		if (part.value === null) continue;
		total = add(total, mul(fromInt(part.weight), part.value));
		weights += part.weight;
	}
	return weights === 0 ? null : div(total, fromInt(weights));
}

function overallView(
	plan: SuppressionPlan,
	ballots: number,
	parts: readonly (Weighted & { value: Rational | null })[],
	rounding: Rounding
): OverallView {
	if (plan.overallHidden) return { suppressed: true };
	const value = combineWeighted(parts);
	// A hidden tier is never described, not even as having no valid answers.
	const missing = parts
		.filter((part) => part.value === null && !plan.hidden.has(part.key))
		.map((part) => part.key);
	return { suppressed: false, ballots, value, display: displayScore(value, rounding), missing };
}

function tierView(
	tier: Weighted,
	plan: SuppressionPlan,
	ballots: number,
	score: ScoreResult
): TierView {
	const reason = plan.hidden.get(tier.key);
	if (reason) return { key: tier.key, weight: tier.weight, suppressed: true, reason };
	return { key: tier.key, weight: tier.weight, suppressed: false, ballots, score };
}

const ballotsOf = (tier: TierInput) => tier.ballots ?? returnedCount(tier.tally);

/** One item (or one dimension) scored by weighted rater tiers. */
export function scoreTiers(tiers: readonly TierInput[], config: TieredConfig = {}): TieredScore {
	validateWeights(tiers, 'tier weights');
	const rounding = config.rounding ?? defaultRounding;
	const plan = planSuppression(
		tiers.map((tier) => ({ key: tier.key, ballots: ballotsOf(tier) })),
		config.minBallots ?? defaultMinBallots
	);
	const scores = tiers.map((tier) => weightedScore(tier.tally, config));
	const ballots = tiers.reduce((n, tier) => n + ballotsOf(tier), 0);
	const parts = tiers.map((tier, i) => ({ ...tier, value: scores[i].value }));
	return {
		overall: overallView(plan, ballots, parts, rounding),
		tiers: tiers.map((tier, i) => tierView(tier, plan, ballotsOf(tier), scores[i]))
	};
}

export interface DimensionInput extends Weighted {
	tiers: readonly TierInput[];
}

export interface DimensionScores {
	overall: OverallView;
	dimensions: readonly (Weighted & { result: TieredScore })[];
	/** Each tier alone across all dimensions (Σ dimension weight × the tier's dimension score). */
	tiers: readonly (
		| { key: string; suppressed: false; value: Rational | null; display: string | null }
		| { key: string; suppressed: true; reason: SuppressionReason }
	)[];
}

/**
 * Every dimension must be rated by the same tiers: the suppression plan is then identical in every
 * dimension. With different tier sets a complementary partner could be missing from one dimension,
 * and that dimension's overall minus its shown tiers would reveal a small tier.
 */
function checkSameTiers(dimensions: readonly DimensionInput[]): void {
	const keysOf = (dimension: DimensionInput) =>
		dimension.tiers
			.map((tier) => tier.key)
			.sort()
			.join(',');
	const expected = dimensions.length > 0 ? keysOf(dimensions[0]) : '';
	const odd = dimensions.find((dimension) => keysOf(dimension) !== expected);
	if (odd)
		throw new RangeError(`dimension ${odd.key} is not rated by the same tiers as the others`);
}

/**
 * 德能勤绩廉-style scoring: each dimension is tier-weighted, then dimensions are weighted. A tier's
 * size is the largest ballot count it has in any dimension, so it is hidden in all or in none.
 */
export function scoreDimensions(
	dimensions: readonly DimensionInput[],
	config: TieredConfig = {}
): DimensionScores {
	validateWeights(dimensions, 'dimension weights');
	checkSameTiers(dimensions);
	const rounding = config.rounding ?? defaultRounding;
	const sizes = new Map<string, number>();
	for (const tier of dimensions.flatMap((dimension) => dimension.tiers)) {
		sizes.set(tier.key, Math.max(sizes.get(tier.key) ?? 0, ballotsOf(tier)));
	}
	const withSizes = dimensions.map((dimension) => ({
		...dimension,
		tiers: dimension.tiers.map((tier) => ({ ...tier, ballots: sizes.get(tier.key) ?? 0 }))
	}));
	const results = withSizes.map((dimension) => ({
		key: dimension.key,
		weight: dimension.weight,
		result: scoreTiers(dimension.tiers, config)
	}));
	const groups = [...sizes].map(([key, ballots]) => ({ key, ballots }));
	const plan = planSuppression(groups, config.minBallots ?? defaultMinBallots);
	const overallParts = withSizes.map((dimension) => ({
		...dimension,
		value: exactOverall(dimension, config)
	}));
	const ballots = groups.reduce((n, group) => n + group.ballots, 0);
	return {
		overall: overallView(plan, ballots, overallParts, rounding),
		dimensions: results,
		tiers: groups.map(({ key }) => tierAcrossDimensions(key, withSizes, plan, config))
	};
}

/** A dimension's exact overall even when hidden, so the campaign overall still counts it. */
function exactOverall(dimension: DimensionInput, config: ScoreConfig): Rational | null {
	return combineWeighted(
		dimension.tiers.map((tier) => ({ ...tier, value: weightedScore(tier.tally, config).value }))
	);
}

function tierAcrossDimensions(
	key: string,
	dimensions: readonly DimensionInput[],
	plan: SuppressionPlan,
	config: TieredConfig
): DimensionScores['tiers'][number] {
	const reason = plan.hidden.get(key);
	if (reason) return { key, suppressed: true, reason };
	const parts = dimensions.map((dimension) => {
		const tier = dimension.tiers.find((candidate) => candidate.key === key);
		return {
			weight: dimension.weight,
			value: tier ? weightedScore(tier.tally, config).value : null
		};
	});
	const value = combineWeighted(parts);
	return {
		key,
		suppressed: false,
		value,
		display: displayScore(value, config.rounding ?? defaultRounding)
	};
}

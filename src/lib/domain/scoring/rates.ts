/**
 * Rates and weighted scores from tallies. Every result carries its numerator, its denominator, the
 * exact rational and the rounded display string, so a published figure can be checked by hand.
 */
import {
	div,
	fromInt,
	mul,
	rational,
	sum,
	toDecimalString,
	toPercentString,
	type Rational,
	type RoundingMode
} from './rational';
import { resolveOptionKeys } from './scale';
import { denominatorCount, type ChoiceTally, type DenominatorKind, type Tally } from './tally';

export interface Rounding {
	precision: number;
	mode: RoundingMode;
}

/** Two decimals, half-up: the national survey's published precision; campaigns may choose others. */
export const defaultRounding: Rounding = { precision: 2, mode: 'half-up' };

export interface RateConfig {
	denominator: DenominatorKind;
	rounding?: Rounding;
}

export interface RateResult {
	optionKeys: readonly string[];
	denominatorKind: DenominatorKind;
	numerator: number;
	denominator: number;
	/** numerator / denominator exactly; null when the denominator is zero (nobody answered). */
	value: Rational | null;
	/** value × 100, rounded as configured (e.g. "98.49"); null with value. */
	percent: string | null;
}

/** The share of answers in a chosen option set (keys, or the name of one of the scale's sets). */
export function shareOf(
	tally: ChoiceTally,
	keysOrSet: string | readonly string[],
	config: RateConfig
): RateResult {
	const rounding = config.rounding ?? defaultRounding;
	const optionKeys = resolveOptionKeys(tally.scale, keysOrSet);
	const excluded = optionKeys.filter((key) =>
		tally.scale.options.some((option) => option.key === key && option.excluded)
	);
	// An excluded answer is not in the valid count, so its share of valid answers is meaningless.
	if (config.denominator === 'valid' && excluded.length > 0) {
		throw new RangeError(`excluded options cannot be shared over valid answers: ${excluded}`);
	}
	const numerator = optionKeys.reduce((total, key) => total + tally.counts[key], 0);
	const denominator = denominatorCount(tally, config.denominator);
	const value = denominator === 0 ? null : rational(numerator, denominator);
	return {
		optionKeys,
		denominatorKind: config.denominator,
		numerator,
		denominator,
		value,
		percent: value === null ? null : toPercentString(value, rounding.precision, rounding.mode)
	};
}

type NamedRateConfig = RateConfig & { optionKeys?: readonly string[] };

/** (满意 + 基本满意 [+ 很满意]) / denominator; which options count is the campaign's choice. */
export function satisfactionRate(tally: ChoiceTally, config: NamedRateConfig): RateResult {
	return shareOf(tally, config.optionKeys ?? 'satisfied', config);
}

export function dissatisfactionRate(tally: ChoiceTally, config: NamedRateConfig): RateResult {
	return shareOf(tally, config.optionKeys ?? 'dissatisfied', config);
}

/** 优秀率. */
export function excellentRate(tally: ChoiceTally, config: NamedRateConfig): RateResult {
	return shareOf(tally, config.optionKeys ?? 'excellent', config);
}

/** 称职以上率: 优秀 + 称职. */
export function competentOrAboveRate(tally: ChoiceTally, config: NamedRateConfig): RateResult {
	return shareOf(tally, config.optionKeys ?? 'competentOrAbove', config);
}

export interface ScoreResult {
	denominatorKind: DenominatorKind;
	/** Σ count × value (choice scales) or the sum of scores (numeric scales). */
	total: Rational;
	denominator: number;
	value: Rational | null;
	display: string | null;
}

export interface ScoreConfig {
	/** 'valid' is the national survey's method (不了解 dropped); 'returned' counts them as zero. */
	denominator?: DenominatorKind;
	rounding?: Rounding;
}

function pointsTotal(tally: ChoiceTally): Rational {
	const parts = tally.scale.options
		.filter((option) => !option.excluded)
		.map((option) => {
			if (option.value === null) {
				throw new RangeError(`option ${option.key} of scale ${tally.scale.id} has no value`);
			}
			return mul(fromInt(tally.counts[option.key]), option.value);
		});
	return sum(parts);
}

/**
 * Weighted score Σ(count × value) / denominator, e.g. the 2008 national survey's
 * P(很满意)×100 + P(满意)×80 + P(基本满意)×60 + P(不太满意)×30 + P(不满意)×0 over valid answers.
 * For a numeric scale it is the mean score.
 */
export function weightedScore(tally: Tally, config: ScoreConfig = {}): ScoreResult {
	const rounding = config.rounding ?? defaultRounding;
	const denominatorKind = config.denominator ?? 'valid';
	const total = tally.kind === 'numeric' ? tally.sum : pointsTotal(tally);
	const denominator = denominatorCount(tally, denominatorKind);
	const value = denominator === 0 ? null : div(total, fromInt(denominator));
	return {
		denominatorKind,
		total,
		denominator,
		value,
		display: value === null ? null : toDecimalString(value, rounding.precision, rounding.mode)
	};
}

/** An exact value shown with a campaign's rounding (scores as points, not percentages). */
export function displayScore(value: Rational | null, rounding: Rounding = defaultRounding) {
	return value === null ? null : toDecimalString(value, rounding.precision, rounding.mode);
}

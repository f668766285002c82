/**
 * Tallies: what a campaign/ballot layer hands to the scoring code for one item (one question about
 * one subject, optionally within one rater tier). Counts only, so ballot order cannot matter.
 *
 * Three counts feed the denominators:
 * - expected: raters expected (ballots issued / 应参评人数), known only to the campaign;
 * - returned: ballots returned for the item, including excluded answers and blanks (实收);
 * - valid: returned minus excluded answers (不了解, 弃权) and blanks (有效).
 */
import { rollup } from 'd3-array';
import { add, fromDecimal, isRational, compare, ZERO, type Rational } from './rational';
import { validateScale, type ChoiceScale, type NumericScale } from './scale';

export type DenominatorKind = 'expected' | 'returned' | 'valid';

interface TallyBase {
	/** Returned ballots that left this item blank; counted as 弃权 (excluded), as one county rule says. */
	blank: number;
	expected: number | null;
}

export interface ChoiceTally extends TallyBase {
	kind: 'choice';
	scale: ChoiceScale;
	/** One entry per option key of the scale. */
	counts: Readonly<Record<string, number>>;
}

export interface NumericTally extends TallyBase {
	kind: 'numeric';
	scale: NumericScale;
	/** Sum and number of the scores given (blanks are not scores). */
	sum: Rational;
	count: number;
}

export type Tally = ChoiceTally | NumericTally;

function checkCount(value: number, what: string): number {
	if (!Number.isSafeInteger(value) || value < 0) {
		throw new RangeError(`${what} must be a non-negative integer: ${value}`);
	}
	return value;
}

function checkExpected(expected: number | null, returned: number): number | null {
	if (expected === null) return null;
	checkCount(expected, 'expected raters');
	// More ballots back than issued voids the vote (county CPPCC rule); never compute a rate from it.
	if (returned > expected) {
		throw new RangeError(`more ballots returned (${returned}) than expected (${expected})`);
	}
	return expected;
}

/** A tally from per-option counts; missing keys count zero, unknown keys are an error. */
export function choiceTally(
	scale: ChoiceScale,
	counts: Readonly<Record<string, number>>,
	options: { blank?: number; expected?: number | null } = {}
): ChoiceTally {
	validateScale(scale);
	const known = new Set(scale.options.map((option) => option.key));
	for (const key of Object.keys(counts)) {
		if (!known.has(key)) throw new RangeError(`scale ${scale.id} has no option ${key}`);
	}
	const full: Record<string, number> = {};
	for (const option of scale.options) {
		full[option.key] = checkCount(counts[option.key] ?? 0, `count of ${option.key}`);
	}
	const blank = checkCount(options.blank ?? 0, 'blank answers');
	const tally: ChoiceTally = { kind: 'choice', scale, counts: full, blank, expected: null };
	return { ...tally, expected: checkExpected(options.expected ?? null, returnedCount(tally)) };
}

/** A tally from individual answers (option keys; null for a blank). */
export function tallyChoices(
	scale: ChoiceScale,
	answers: readonly (string | null)[],
	expected: number | null = null
): ChoiceTally {
	const given = answers.filter((answer): answer is string => answer !== null);
	const counts = rollup(
		given,
		(group) => group.length,
		(answer) => answer
	);
	const blank = answers.length - given.length;
	return choiceTally(scale, Object.fromEntries(counts), { blank, expected });
}

export function numericTally(
	scale: NumericScale,
	totals: { sum: Rational; count: number; blank?: number; expected?: number | null }
): NumericTally {
	checkCount(totals.count, 'score count');
	if (totals.count === 0 && compare(totals.sum, ZERO) !== 0) {
		throw new RangeError('a sum of scores needs at least one score');
	}
	const blank = checkCount(totals.blank ?? 0, 'blank answers');
	const tally: NumericTally = {
		kind: 'numeric',
		scale,
		sum: totals.sum,
		count: totals.count,
		blank,
		expected: null
	};
	return { ...tally, expected: checkExpected(totals.expected ?? null, returnedCount(tally)) };
}

/** A tally from individual scores (decimal text or numbers are read exactly; null for a blank). */
export function tallyScores(
	scale: NumericScale,
	scores: readonly (number | string | Rational | null)[],
	expected: number | null = null
): NumericTally {
	let sum = ZERO;
	let count = 0;
	let blank = 0;
	for (const score of scores) {
		if (score === null) {
			blank += 1;
			continue;
		}
		const value = isRational(score) ? score : fromDecimal(score);
		if (compare(value, scale.min) < 0 || compare(value, scale.max) > 0) {
			throw new RangeError(`score ${String(score)} is outside the scale ${scale.id}`);
		}
		sum = add(sum, value);
		count += 1;
	}
	return numericTally(scale, { sum, count, blank, expected });
}

function excludedCount(tally: ChoiceTally): number {
	return tally.scale.options
		.filter((option) => option.excluded)
		.reduce((total, option) => total + tally.counts[option.key], 0);
}

export function returnedCount(tally: Tally): number {
	if (tally.kind === 'numeric') return tally.count + tally.blank;
	return Object.values(tally.counts).reduce((total, count) => total + count, tally.blank);
}

export function validCount(tally: Tally): number {
	if (tally.kind === 'numeric') return tally.count;
	return returnedCount(tally) - tally.blank - excludedCount(tally);
}

/** The count a denominator names; 'expected' needs the campaign to have stated it. */
export function denominatorCount(tally: Tally, kind: DenominatorKind): number {
	if (kind === 'returned') return returnedCount(tally);
	if (kind === 'valid') return validCount(tally);
	if (tally.expected === null) {
		throw new RangeError('the expected-raters denominator needs the expected count');
	}
	return tally.expected;
}

/** Sums tallies of the same item (e.g. all rater tiers) into one. */
export function mergeTallies<T extends Tally>(tallies: readonly T[]): T {
	if (tallies.length === 0) throw new RangeError('nothing to merge');
	const [first] = tallies;
	const expectedKnown = tallies.every((tally) => tally.expected !== null);
	const expected = expectedKnown
		? tallies.reduce((n, tally) => n + (tally.expected ?? 0), 0)
		: null;
	const blank = tallies.reduce((n, tally) => n + tally.blank, 0);
	if (first.kind === 'numeric') {
		const numeric = tallies as readonly NumericTally[];
		const sum = numeric.reduce((total, tally) => add(total, tally.sum), ZERO);
		const count = numeric.reduce((n, tally) => n + tally.count, 0);
		return numericTally(first.scale, { sum, count, blank, expected }) as T;
	}
	const counts: Record<string, number> = {};
	for (const tally of tallies as readonly ChoiceTally[]) {
		if (tally.scale.id !== first.scale.id) throw new RangeError('cannot merge different scales');
		for (const [key, count] of Object.entries(tally.counts))
			counts[key] = (counts[key] ?? 0) + count;
	}
	return choiceTally(first.scale, counts, { blank, expected }) as T;
}

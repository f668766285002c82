/**
 * Ranks with explicit tie handling. Subjects are ordered by their value, then by each tie-breaker in
 * turn; subjects still equal on all of them share a rank. Standard competition ranking (1, 2, 2, 4)
 * is the default, dense ranking (1, 2, 2, 3) an option. Subjects without a value are unranked.
 */
import { bisector } from 'd3-array';
import { compare, fromDecimal, fromInt, type Rational } from './rational';

export type Direction = 'higher-is-better' | 'lower-is-better';
export type RankMethod = 'competition' | 'dense';

/** A secondary key from the entry's `keys`, or 'subject' for the subject code (ascending). */
export type TieBreaker = { key: string; direction: Direction } | { key: 'subject' };

export interface RankEntry {
	subject: string;
	value: Rational | null;
	/** Values for tie-breakers, e.g. { satisfaction: rate, validBallots: 120 }. */
	keys?: Readonly<Record<string, Rational | number | null>>;
}

export interface RankOptions {
	direction?: Direction;
	method?: RankMethod;
	tieBreakers?: readonly TieBreaker[];
}

export interface RankedEntry {
	subject: string;
	value: Rational | null;
	/** Rank by the chosen method; null when the subject has no value. */
	rank: number | null;
	/** 1 + number of subjects strictly better (competition rank, whatever the method). */
	position: number | null;
	/** 1 + number of subjects strictly worse: 1 is last place. */
	positionFromBottom: number | null;
	/** Other subjects sharing this rank (equal on the value and every tie-breaker). */
	tiedWith: readonly string[];
	/** The tie-breaker that set this subject apart from a neighbour with an equal value, if any. */
	decidedBy: string | null;
}

function asRational(value: Rational | number | null | undefined): Rational | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'number') return value;
	return Number.isInteger(value) ? fromInt(value) : fromDecimal(value);
}

/** Better first; a missing value is worse than any value in either direction. */
function compareValues(a: Rational | null, b: Rational | null, direction: Direction): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
	const order = compare(a, b);
	return direction === 'higher-is-better' ? -order : order;
}

function compareBy(breaker: TieBreaker, a: RankEntry, b: RankEntry): number {
	if (!('direction' in breaker)) return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
	return compareValues(
		asRational(a.keys?.[breaker.key]),
		asRational(b.keys?.[breaker.key]),
		breaker.direction
	);
}

/** Index of the first tie-breaker that orders a and b, -1 when they are equal on all of them. */
function firstDeciding(breakers: readonly TieBreaker[], a: RankEntry, b: RankEntry): number {
	return breakers.findIndex((breaker) => compareBy(breaker, a, b) !== 0);
}

export function rankSubjects(
	entries: readonly RankEntry[],
	options: RankOptions = {}
): RankedEntry[] {
	const direction = options.direction ?? 'higher-is-better';
	const breakers = options.tieBreakers ?? [];
	const subjects = entries.map((entry) => entry.subject);
	if (new Set(subjects).size !== subjects.length) throw new RangeError('a subject is ranked twice');
	const order = (a: RankEntry, b: RankEntry) => {
		const byValue = compareValues(a.value, b.value, direction);
		if (byValue !== 0) return byValue;
		const index = firstDeciding(breakers, a, b);
		return index === -1 ? 0 : compareBy(breakers[index], a, b);
	};
	const ranked = entries.filter((entry) => entry.value !== null).sort(order);
	const unranked = entries.filter((entry) => entry.value === null);
	const search = bisector(order);
	let dense = 0;
	const result = ranked.map((entry, i) => {
		if (i === 0 || order(ranked[i - 1], entry) !== 0) dense += 1;
		const better = search.left(ranked, entry);
		const betterOrEqual = search.right(ranked, entry);
		return {
			subject: entry.subject,
			value: entry.value,
			rank: options.method === 'dense' ? dense : better + 1,
			position: better + 1,
			positionFromBottom: ranked.length - betterOrEqual + 1,
			tiedWith: ranked
				.slice(better, betterOrEqual)
				.filter((other) => other !== entry)
				.map((other) => other.subject),
			decidedBy: decidingBreaker(ranked, i, breakers)
		};
	});
	return [
		...result,
		...unranked.map((entry) => ({
			subject: entry.subject,
			value: null,
			rank: null,
			position: null,
			positionFromBottom: null,
			tiedWith: [],
			decidedBy: null
		}))
	];
}

/** Which tie-breaker separated the entry from an adjacent entry with the same value. */
function decidingBreaker(
	ranked: readonly RankEntry[],
	i: number,
	breakers: readonly TieBreaker[]
): string | null {
	const value = ranked[i].value;
	if (value === null) return null;
	const indexes = [ranked[i - 1], ranked[i + 1]]
		.filter((other) => other?.value && compare(other.value, value) === 0)
		.map((other) => firstDeciding(breakers, ranked[i], other))
		.filter((index) => index !== -1);
	return indexes.length === 0 ? null : breakers[Math.min(...indexes)].key;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDecimal, fromInt, rational } from './rational';
import { rankSubjects, type RankEntry } from './rank';

const entry = (subject: string, value: number | null, keys?: RankEntry['keys']): RankEntry => ({
	subject,
	value: value === null ? null : fromDecimal(value),
	keys
});

const ranks = (list: ReturnType<typeof rankSubjects>) =>
	list.map((item) => [item.subject, item.rank]);

describe('ranking', () => {
	it('shares a rank on a tie and skips the next (1, 2, 2, 4) by default', () => {
		const result = rankSubjects([entry('d', 70), entry('b', 90), entry('a', 95), entry('c', 90)]);
		expect(ranks(result)).toEqual([
			['a', 1],
			['b', 2],
			['c', 2],
			['d', 4]
		]);
		expect(result[1].tiedWith).toEqual(['c']);
		expect(result.map((item) => item.positionFromBottom)).toEqual([4, 2, 2, 1]);
	});

	it('ranks densely (1, 2, 2, 3) on request, keeping the competition position', () => {
		const result = rankSubjects([entry('a', 95), entry('b', 90), entry('c', 90), entry('d', 70)], {
			method: 'dense'
		});
		expect(result.map((item) => [item.rank, item.position])).toEqual([
			[1, 1],
			[2, 2],
			[2, 2],
			[3, 4]
		]);
	});

	it('puts the lowest first when lower is better', () => {
		const result = rankSubjects([entry('a', 3), entry('b', 1), entry('c', 2)], {
			direction: 'lower-is-better'
		});
		expect(ranks(result)).toEqual([
			['b', 1],
			['c', 2],
			['a', 3]
		]);
	});

	it('applies tie-breakers in order before declaring a tie, and says which one decided', () => {
		const result = rankSubjects(
			[
				entry('u3', 88, { satisfaction: rational(9, 10), valid: 120 }),
				entry('u1', 88, { satisfaction: rational(9, 10), valid: 130 }),
				entry('u2', 88, { satisfaction: rational(19, 20), valid: 100 }),
				entry('u4', 88, { satisfaction: rational(9, 10), valid: 130 })
			],
			{
				tieBreakers: [
					{ key: 'satisfaction', direction: 'higher-is-better' },
					{ key: 'valid', direction: 'higher-is-better' }
				]
			}
		);
		expect(ranks(result)).toEqual([
			['u2', 1],
			['u1', 2],
			['u4', 2],
			['u3', 4]
		]);
		expect(result.map((item) => item.decidedBy)).toEqual([
			'satisfaction',
			'satisfaction',
			'valid',
			'valid'
		]);
		const decimals = rankSubjects([entry('x', 1, { rate: 0.95 }), entry('y', 1, { rate: 0.96 })], {
			tieBreakers: [{ key: 'rate', direction: 'higher-is-better' }]
		});
		expect(ranks(decimals)).toEqual([
			['y', 1],
			['x', 2]
		]);
		const byCode = rankSubjects([entry('b', 1), entry('a', 1)], {
			tieBreakers: [{ key: 'subject' }]
		});
		expect(ranks(byCode)).toEqual([
			['a', 1],
			['b', 2]
		]);
	});

	it('leaves subjects without a value unranked at the end and refuses duplicates', () => {
		const result = rankSubjects([entry('none', null), entry('x', 5)]);
		expect(result.map((item) => [item.subject, item.rank, item.positionFromBottom])).toEqual([
			['x', 1, 1],
			['none', null, null]
		]);
		expect(() => rankSubjects([entry('x', 1), entry('x', 2)])).toThrow(/twice/);
	});

	it('gives equal values equal ranks, skips by the size of the tie, and ignores input order', () => {
		const values = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 25 });
		fc.assert(
			fc.property(
				values.chain((list) =>
					fc.tuple(
						fc.constant(list),
						fc.shuffledSubarray(
							list.map((v, i) => i),
							{ minLength: list.length }
						)
					)
				),
				([list, permutation]) => {
					const entries = list.map((value, i) => ({ subject: `s${i}`, value: fromInt(value) }));
					const result = rankSubjects(entries);
					const rankOf = new Map(result.map((item) => [item.subject, item.rank]));
					for (const [i, value] of list.entries()) {
						const better = list.filter((other) => other > value).length;
						expect(rankOf.get(`s${i}`)).toBe(better + 1);
					}
					const shuffled = rankSubjects(permutation.map((i) => entries[i]));
					expect(new Map(shuffled.map((item) => [item.subject, item.rank]))).toEqual(rankOf);
					// After a tie of size k at rank r, the next rank is r + k.
					const distinct = [...new Set(result.map((item) => item.rank))];
					for (const [j, rank] of distinct.entries()) {
						const size = result.filter((item) => item.rank === rank).length;
						if (j + 1 < distinct.length) expect(distinct[j + 1]).toBe((rank ?? 0) + size);
					}
				}
			)
		);
	});
});

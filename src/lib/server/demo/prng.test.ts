import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';

const draw = (seed: number, count: number) => {
	const prng = createPrng(seed);
	return Array.from({ length: count }, () => prng.next());
};

describe('createPrng', () => {
	it('gives the same sequence for the same seed', () => {
		fc.assert(
			fc.property(fc.maxSafeInteger(), (seed) => {
				expect(draw(seed, 8)).toEqual(draw(seed, 8));
			})
		);
	});

	it('gives different sequences for neighbouring seeds', () => {
		expect(draw(2009, 8)).not.toEqual(draw(2010, 8));
		expect(draw(0, 8)).not.toEqual(draw(2 ** 32, 8));
	});

	it('keeps a fixed sequence, so a given seed builds the same province on any machine', () => {
		const scaled = (seed: number, count: number) =>
			draw(seed, count).map((x) => Math.floor(x * 1e9));
		expect(scaled(2009, 3)).toEqual([868584063, 326108766, 466680451]);
		expect(scaled(2 ** 40 + 5, 2)).toEqual([688081735, 445096529]);
	});

	it('stays within [0, 1)', () => {
		expect(draw(2009, 10_000).every((x) => x >= 0 && x < 1)).toBe(true);
	});

	it('keeps int() within its bounds and reaches both ends', () => {
		const prng = createPrng(7);
		const seen = new Set(Array.from({ length: 500 }, () => prng.int(3, 6)));
		expect([...seen].sort()).toEqual([3, 4, 5, 6]);
	});

	it('shuffles into a permutation and leaves the input alone', () => {
		fc.assert(
			fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
				const before = [...items];
				const shuffled = createPrng(seed).shuffle(items);
				expect(items).toEqual(before);
				expect([...shuffled].sort()).toEqual([...items].sort());
			})
		);
	});

	it('never picks an item of weight zero', () => {
		const prng = createPrng(11);
		const picks = Array.from({ length: 300 }, () => prng.weighted(['a', 'b', 'c'], [1, 0, 2]));
		expect(picks).not.toContain('b');
		expect(new Set(picks)).toEqual(new Set(['a', 'c']));
	});

	it('refuses a seed that is not a safe integer', () => {
		expect(() => createPrng(1.5)).toThrow(RangeError);
		expect(() => createPrng(Number.NaN)).toThrow(RangeError);
	});
});

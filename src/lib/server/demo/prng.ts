/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) for the demo data.
 * Not for anything that must be unpredictable: the point is that the same seed always builds the
 * same province, on every machine and Node version, which Math.random cannot promise.
 */
export interface Prng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** One item, chosen with probability proportional to its weight. */
	weighted<T>(items: readonly T[], weights: readonly number[]): T;
	/** A shuffled copy (Fisher–Yates); the input is left alone. */
	shuffle<T>(items: readonly T[]): T[];
}

export function createPrng(seed: number): Prng {
	if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
	const low = seed >>> 0;
	const high = Math.floor(seed / 2 ** 32) >>> 0;
	const mix = splitmix32(low ^ Math.imul(high, 0x9e3779b9));
	const next = sfc32(mix(), mix(), mix(), mix());
	// The first outputs of sfc32 are still correlated with the seed; throw a few away.
	for (let i = 0; i < 12; i++) next();

	const prng: Prng = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => {
			if (items.length === 0) throw new RangeError('cannot pick from an empty list');
			return items[Math.floor(next() * items.length)];
		},
		weighted: (items, weights) => {
			const total = weights.reduce((sum, w) => sum + w, 0);
			let roll = next() * total;
			for (let i = 0; i < items.length; i++) {
				roll -= weights[i];
				if (roll < 0) return items[i];
			}
			return items[items.length - 1];
		},
		shuffle: (items) => {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		}
	};
	return prng;
}

function splitmix32(state: number): () => number {
	let a = state >>> 0;
	return () => {
		a = (a + 0x9e3779b9) | 0;
		let t = a ^ (a >>> 16);
		t = Math.imul(t, 0x21f0aaad);
		t ^= t >>> 15;
		t = Math.imul(t, 0x735a2d97);
		return (t ^ (t >>> 15)) >>> 0;
	};
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

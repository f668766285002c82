import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { drawPanel, type EligibleJuror, type Stratum } from './jury-draw';
import { chooseK, DrawStream } from './jury-random';

/*
 * Within a stratum every juror must be equally likely to be drawn. Over T draws that choose k of m
 * jurors each, juror i is chosen O_i times with mean E = T·k/m and variance T·p·(1−p), p = k/m.
 * Sampling without replacement makes the counts negatively correlated (covariance −T·p·(1−p)/(m−1))
 * and fixes their sum, so  X = (m−1)/m · Σ (O_i − E)² / (T·p·(1−p))  follows a chi-square law with
 * m − 1 degrees of freedom (for k = 1 this is Pearson's statistic). We bound X at the 0.9999
 * quantile, precomputed with scipy.stats.chi2.ppf(0.9999, df): 33.72 for df 9, 23.51 for df 4.
 * The seeds are fixed (SHA-256 of "uniformity-<i>"), so the test is deterministic; the high quantile
 * means a correct algorithm passes for all but 1 in 10,000 seed sets, while a biased draw (see the
 * last test: a modulo-biased, naive shuffle) lands far beyond the bound.
 */
const critical = { 9: 33.72, 4: 23.51 } as const;
const draws = 2000;

function chiSquare(counts: number[], k: number): number {
	const m = counts.length;
	const p = k / m;
	const expected = draws * p;
	const variance = draws * p * (1 - p);
	const sum = counts.reduce((acc, observed) => acc + (observed - expected) ** 2, 0);
	return ((m - 1) / m) * (sum / variance);
}

function seedFor(i: number): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`uniformity-${i}`)));
}

describe('draw uniformity within strata', () => {
	// 10 counted and 5 other jurors, panels of 5: 4 counted (ceil 80%) and 1 other per draw.
	const eligible: EligibleJuror[] = Array.from({ length: 15 }, (_, i) => ({
		id: i + 1,
		stratum: (i < 10 ? 'counted' : 'other') as Stratum
	}));

	it('selects every juror of a stratum about equally often over 2000 seeds', () => {
		const counts = new Map<number, number>(eligible.map((juror) => [juror.id, 0]));
		for (let i = 0; i < draws; i++) {
			const outcome = drawPanel(
				{ eligible, size: 5, minShare: { num: 80, den: 100 } },
				seedFor(i),
				''
			);
			if (!outcome.ok) throw new Error(outcome.failure.code);
			for (const id of outcome.selected) counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const counted = eligible.slice(0, 10).map((juror) => counts.get(juror.id) ?? 0);
		const other = eligible.slice(10).map((juror) => counts.get(juror.id) ?? 0);
		expect(counted.reduce((a, b) => a + b)).toBe(draws * 4);
		expect(chiSquare(counted, 4)).toBeLessThan(critical[9]);
		expect(chiSquare(other, 1)).toBeLessThan(critical[4]);
	});

	it('would catch a biased draw with the same bound', () => {
		// The classic mistake: reduce a byte modulo the pool size (bias) and swap with any position.
		const counts = Array.from({ length: 10 }, () => 0);
		for (let i = 0; i < draws; i++) {
			const bytes = sha256(new TextEncoder().encode(seedFor(i)));
			const pool = Array.from({ length: 10 }, (_, j) => j);
			for (let s = 0; s < 4; s++) {
				const j = (bytes[s] % 16) % 10;
				[pool[s], pool[j]] = [pool[j], pool[s]];
			}
			for (const index of pool.slice(0, 4)) counts[index] += 1;
		}
		expect(chiSquare(counts, 4)).toBeGreaterThan(critical[9]);
	});

	it('chooses without repeats from the pool', () => {
		const stream = new DrawStream(sha256(new TextEncoder().encode('pool')));
		const chosen = chooseK([1, 2, 3, 4, 5, 6], 6, stream);
		expect([...chosen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
	});
});

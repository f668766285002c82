import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ballotCodeAlphabet,
	ballotCodeLength,
	formatBallotCode,
	generateBallotCode,
	generateReceiptCode,
	normalizeBallotCode
} from './campaign-code';

// Enough draws to refill the 4 KB random pool many times over.
const draws = 20_000;

describe('ballot codes', () => {
	it('are twelve symbols of the alphabet, never repeated, and survive printing and typing', () => {
		const seen = new Set<string>();
		for (let i = 0; i < draws; i++) {
			const code = generateBallotCode();
			expect(code).toMatch(new RegExp(`^[${ballotCodeAlphabet}]{${ballotCodeLength}}$`));
			expect(normalizeBallotCode(formatBallotCode(code))).toBe(code);
			expect(normalizeBallotCode(formatBallotCode(code).toLowerCase().replace(/-/g, ' '))).toBe(
				code
			);
			seen.add(code);
		}
		expect(seen.size).toBe(draws);
	});

	it('use every symbol about equally often', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < draws; i++)
			for (const char of generateBallotCode()) counts.set(char, (counts.get(char) ?? 0) + 1);
		const expected = (draws * ballotCodeLength) / ballotCodeAlphabet.length;
		expect(counts.size).toBe(ballotCodeAlphabet.length);
		// 7,500 expected per symbol, standard deviation ~85: 10 % off is far outside chance.
		for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected / 10);
	});

	it('refuse anything that cannot be a code', () => {
		fc.assert(
			fc.property(fc.string(), (input) => {
				const code = normalizeBallotCode(input);
				if (code !== null) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
			})
		);
		expect(normalizeBallotCode('0OI1-ABCD-EFGH')).toBeNull();
		expect(normalizeBallotCode('ABCD-EFGH-JK')).toBeNull();
	});
});

describe('receipt codes', () => {
	it('are XXXXX-XXXXX of the alphabet and never repeat', () => {
		const seen = new Set<string>();
		for (let i = 0; i < draws; i++) {
			const receipt = generateReceiptCode();
			expect(receipt).toMatch(
				new RegExp(`^[${ballotCodeAlphabet}]{5}-[${ballotCodeAlphabet}]{5}$`)
			);
			seen.add(receipt);
		}
		expect(seen.size).toBe(draws);
	});
});

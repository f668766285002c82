import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allocate,
	createRandom,
	defaultScaleOptions,
	estimateBytes,
	generateSurveyBallots,
	minBallotsPerSurvey,
	optionKeys,
	planRegions,
	planSurveys,
	uuidFrom
} from './generate';

const small = { ...defaultScaleOptions, ballots: 5_000, districts: 20, years: 3 };

describe('planRegions', () => {
	it('puts 300 districts under 20 cities under one province, codes and names unique', () => {
		const plan = planRegions(300);
		expect(plan.cities).toHaveLength(20);
		expect(plan.districts).toHaveLength(300);
		const codes = [
			plan.province.code,
			...plan.cities.map((c) => c.code),
			...plan.districts.map((d) => d.code)
		];
		expect(new Set(codes).size).toBe(codes.length);
		expect(new Set(plan.districts.map((d) => d.name)).size).toBe(300);
		expect(new Set(plan.cities.map((c) => c.name)).size).toBe(20);
		for (const d of plan.districts) {
			expect(d.code).toMatch(/^98\d{4}$/);
			expect(d.code.slice(0, 4)).toBe(plan.cities[d.city].code.slice(0, 4));
		}
	});

	it('refuses sizes it cannot code', () => {
		expect(() => planRegions(0)).toThrow(RangeError);
		expect(() => planRegions(99 * 15 + 1)).toThrow(RangeError);
	});
});

describe('allocate', () => {
	it('always adds up to the total and gives every part its floor', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 }),
				fc.integer({ min: 0, max: 1_000_000 }),
				fc.integer({ min: 0, max: 40 }),
				(weights, extra, floor) => {
					const total = floor * weights.length + extra;
					const parts = allocate(total, weights, floor);
					expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
					expect(parts.every((p) => Number.isInteger(p) && p >= floor)).toBe(true);
				}
			)
		);
	});

	it('refuses a total below the floors', () => {
		expect(() => allocate(10, [1, 1, 1], 4)).toThrow(RangeError);
	});
});

describe('planSurveys', () => {
	it('is deterministic, adds up to the ballots asked for and keeps every survey above the minimum', () => {
		const a = planSurveys(small);
		const b = planSurveys(small);
		expect(a.map((s) => s.ballots)).toEqual(b.map((s) => s.ballots));
		expect(a).toHaveLength(60);
		expect(a.reduce((n, s) => n + s.ballots, 0)).toBe(5_000);
		expect(a.every((s) => s.ballots >= minBallotsPerSurvey)).toBe(true);
		expect(new Set(a.map((s) => s.year))).toEqual(new Set([2016, 2017, 2018]));
		for (const s of a)
			for (const c of s.cumulative) {
				expect(c[c.length - 1]).toBe(1);
				for (let i = 1; i < c.length; i++) expect(c[i]).toBeGreaterThanOrEqual(c[i - 1]);
			}
	});

	it('refuses fewer ballots than the minimum per survey, saying how many are needed', () => {
		expect(() => planSurveys({ ...small, ballots: 100 })).toThrow(/at least 30 per survey: 1800/);
	});
});

describe('ballots', () => {
	it('makes version-4 shaped, repeatable ids', () => {
		const r1 = createRandom(1, 2);
		const r2 = createRandom(1, 2);
		const ids = Array.from({ length: 1000 }, () => uuidFrom(r1));
		expect(ids.map(() => uuidFrom(r2))).toEqual(ids);
		expect(new Set(ids).size).toBe(1000);
		for (const id of ids)
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('counts exactly the answers it emits, the same every time', () => {
		const survey = planSurveys(small)[7];
		const emitted: number[][] = [];
		const counts = generateSurveyBallots(survey, 8, (b) => emitted.push(b.answers));
		expect(emitted).toHaveLength(survey.ballots);
		counts.forEach((byOption, q) => {
			expect(byOption.reduce((a, b) => a + b, 0)).toBe(survey.ballots);
			optionKeys.forEach((_, i) =>
				expect(byOption[i]).toBe(emitted.filter((a) => a[q] === i).length)
			);
		});
		const again: number[][] = [];
		generateSurveyBallots(survey, 8, (b) => again.push(b.answers));
		expect(again).toEqual(emitted);
	});

	it('never repeats a ballot id across surveys (ids are the primary key)', () => {
		const plan = planSurveys({
			...defaultScaleOptions,
			ballots: 300_000,
			districts: 300,
			years: 10
		});
		const seen = new Set<string>();
		for (const survey of plan) generateSurveyBallots(survey, 8, (b) => seen.add(b.id));
		expect(seen.size).toBe(300_000);
	});

	it('estimates several GB for the full size', () => {
		expect(estimateBytes(20_000_000) / 1024 ** 3).toBeGreaterThan(5);
	});
});

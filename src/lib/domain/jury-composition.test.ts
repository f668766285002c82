import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkAppointment,
	countCategories,
	defaultCompositionRule,
	headroomForOthers,
	jurorCategories,
	meetsShare,
	minimumCounted,
	sharePercent
} from './jury-composition';

const rule = defaultCompositionRule;
const counts = fc
	.tuple(fc.nat(2000), fc.nat(2000))
	.map(([a, b]) => ({ counted: Math.min(a, b), total: Math.max(a, b) }));

describe('composition rule', () => {
	it('meets 80% exactly at 4 of 5 and not at 3 of 4', () => {
		expect(meetsShare({ counted: 4, total: 5 }, rule.minShare)).toBe(true);
		expect(meetsShare({ counted: 3, total: 4 }, rule.minShare)).toBe(false);
		expect(meetsShare({ counted: 0, total: 0 }, rule.minShare)).toBe(true);
	});

	it('counts enterprise staff, individual businesses and citizens only', () => {
		expect(countCategories(rule, [...jurorCategories])).toEqual({ counted: 3, total: 7 });
	});

	it('refuses a non-counted appointment that would break the rule and names the numbers', () => {
		const result = checkAppointment(rule, { counted: 8, total: 10 }, 'npc_deputy');
		expect(result).toEqual({
			ok: false,
			code: 'composition_rule',
			before: { counted: 8, total: 10 },
			after: { counted: 8, total: 11 },
			minShare: { num: 80, den: 100 }
		});
	});

	it('always accepts a counted appointment, even on a roster below the rule', () => {
		fc.assert(
			fc.property(counts, fc.constantFrom(...rule.countedCategories), (current, category) => {
				expect(checkAppointment(rule, current, category).ok).toBe(true);
			})
		);
	});

	it('never lets an accepted appointment take a roster that met the rule below it', () => {
		fc.assert(
			fc.property(counts, fc.constantFrom(...jurorCategories), (current, category) => {
				const result = checkAppointment(rule, current, category);
				if (result.ok && meetsShare(current, rule.minShare)) {
					expect(meetsShare(result.after, rule.minShare)).toBe(true);
				} else {
					expect(result.after.total).toBe(current.total + 1);
				}
			})
		);
	});

	it('gives a headroom that is exactly the number of others the rule still allows', () => {
		fc.assert(
			fc.property(counts, (current) => {
				const room = headroomForOthers(rule, current);
				expect(meetsShare({ ...current, total: current.total + room }, rule.minShare)).toBe(
					meetsShare(current, rule.minShare)
				);
				expect(meetsShare({ ...current, total: current.total + room + 1 }, rule.minShare)).toBe(
					false
				);
			})
		);
	});

	it('computes the minimum counted members as an exact ceiling', () => {
		expect(minimumCounted({ num: 80, den: 100 }, 5)).toBe(4);
		expect(minimumCounted({ num: 80, den: 100 }, 7)).toBe(6);
		expect(minimumCounted({ num: 80, den: 100 }, 10)).toBe(8);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
				const k = minimumCounted(rule.minShare, n);
				expect(meetsShare({ counted: k, total: n }, rule.minShare)).toBe(true);
				expect(meetsShare({ counted: k - 1, total: n }, rule.minShare)).toBe(false);
			})
		);
	});

	it('shows the share rounded down so 79.99% never displays as 80%', () => {
		expect(sharePercent({ counted: 7999, total: 10000 })).toBe(79.9);
		expect(sharePercent({ counted: 0, total: 0 })).toBeNull();
	});
});

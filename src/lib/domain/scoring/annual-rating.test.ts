import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cadreRatings,
	capAnnualRating,
	capHeadRating,
	proposeAnnualRating,
	ratingFromScore,
	teamRatings
} from './annual-rating';
import { fromInt, rational } from './rational';

describe('interview caps on the annual rating', () => {
	it('lets a cadre with no interview have any rating, once: not excellent, twice: only the lowest two', () => {
		expect(capAnnualRating('cadre', 0)).toEqual([
			'excellent',
			'competent',
			'basically_competent',
			'incompetent'
		]);
		expect(capAnnualRating('cadre', 1)).toEqual([
			'competent',
			'basically_competent',
			'incompetent'
		]);
		expect(capAnnualRating('cadre', 2)).toEqual(['basically_competent', 'incompetent']);
		expect(capAnnualRating('cadre', 5)).toEqual(['basically_competent', 'incompetent']);
	});

	it('caps a team only from two interviews, and to average or poor from three', () => {
		expect(capAnnualRating('team', 1)).toEqual(['excellent', 'good', 'average', 'poor']);
		expect(capAnnualRating('team', 2)).toEqual(['good', 'average', 'poor']);
		expect(capAnnualRating('team', 3)).toEqual(['average', 'poor']);
	});

	it("takes 优秀 from a team's head when the team was interviewed twice", () => {
		expect(capHeadRating(0, 2)).toEqual(['competent', 'basically_competent', 'incompetent']);
		expect(capHeadRating(2, 0)).toEqual(['basically_competent', 'incompetent']);
		expect(capHeadRating(0, 1)).toContain('excellent');
	});

	it('rejects a negative or fractional count', () => {
		expect(() => capAnnualRating('cadre', -1)).toThrow(RangeError);
		expect(() => capHeadRating(0, 1.5)).toThrow(RangeError);
	});
});

describe('annual rating proposed from a score, capped by interviews', () => {
	it('bands scores 90 / 70 / 60 inclusive', () => {
		expect(ratingFromScore('cadre', fromInt(90))).toBe('excellent');
		expect(ratingFromScore('cadre', rational(8999, 100))).toBe('competent');
		expect(ratingFromScore('cadre', fromInt(60))).toBe('basically_competent');
		expect(ratingFromScore('cadre', rational(5999, 100))).toBe('incompetent');
		expect(ratingFromScore('team', fromInt(75))).toBe('good');
		expect(ratingFromScore('team', fromInt(10))).toBe('poor');
	});

	it('names the rule and lowers the rating only as far as the cap requires', () => {
		expect(proposeAnnualRating('cadre', fromInt(95), 1)).toMatchObject({
			fromScore: 'excellent',
			rating: 'competent',
			cap: 'cadre_interviewed_once',
			lowered: true,
			interviews: 1
		});
		expect(proposeAnnualRating('cadre', fromInt(80), 1)).toMatchObject({
			rating: 'competent',
			cap: 'cadre_interviewed_once',
			lowered: false
		});
		expect(proposeAnnualRating('cadre', fromInt(95), 2).rating).toBe('basically_competent');
		expect(proposeAnnualRating('cadre', fromInt(40), 3).rating).toBe('incompetent');
		expect(proposeAnnualRating('team', fromInt(95), 1)).toMatchObject({
			rating: 'excellent',
			cap: null
		});
		expect(proposeAnnualRating('team', fromInt(95), 2)).toMatchObject({
			rating: 'good',
			cap: 'team_interviewed_twice'
		});
		expect(proposeAnnualRating('team', fromInt(95), 3)).toMatchObject({
			rating: 'average',
			cap: 'team_interviewed_three_times'
		});
	});

	it("takes 优秀 from a unit's head when its team was interviewed twice, naming the stricter rule", () => {
		expect(proposeAnnualRating('cadre', fromInt(95), 0, 2)).toMatchObject({
			fromScore: 'excellent',
			rating: 'competent',
			cap: 'head_of_team_interviewed_twice',
			lowered: true
		});
		expect(proposeAnnualRating('cadre', fromInt(95), 0, 3).rating).toBe('competent');
		expect(proposeAnnualRating('cadre', fromInt(95), 0, 1)).toMatchObject({
			rating: 'excellent',
			cap: null
		});
		// Their own interview caps as hard (once) or harder (twice): that rule is named.
		expect(proposeAnnualRating('cadre', fromInt(95), 1, 2).cap).toBe('cadre_interviewed_once');
		expect(proposeAnnualRating('cadre', fromInt(95), 2, 2)).toMatchObject({
			rating: 'basically_competent',
			cap: 'cadre_interviewed_twice'
		});
		// Not a head: the team's interviews are not theirs.
		expect(proposeAnnualRating('cadre', fromInt(95), 0).cap).toBeNull();
	});

	it('never proposes a rating the cap forbids, nor one better than the score, and more interviews never help (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('cadre' as const, 'team' as const),
				fc.integer({ min: 0, max: 10000 }),
				fc.integer({ min: 0, max: 6 }),
				(kind, hundredths, interviews) => {
					const score = rational(hundredths, 100);
					const order: readonly string[] = kind === 'cadre' ? cadreRatings : teamRatings;
					const one = proposeAnnualRating(kind, score, interviews);
					const more = proposeAnnualRating(kind, score, interviews + 1);
					expect(one.allowed).toContain(one.rating);
					expect(order.indexOf(one.rating)).toBeGreaterThanOrEqual(order.indexOf(one.fromScore));
					expect(order.indexOf(more.rating)).toBeGreaterThanOrEqual(order.indexOf(one.rating));
					if (interviews === 0) expect(one.rating).toBe(one.fromScore);
				}
			)
		);
	});

	it('caps a head at least as hard as a cadre, and more team interviews never help (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10000 }),
				fc.integer({ min: 0, max: 4 }),
				fc.integer({ min: 0, max: 5 }),
				(hundredths, own, team) => {
					const score = rational(hundredths, 100);
					const head = proposeAnnualRating('cadre', score, own, team);
					const cadre = proposeAnnualRating('cadre', score, own);
					const moreTeam = proposeAnnualRating('cadre', score, own, team + 1);
					const at = (r: string) => (cadreRatings as readonly string[]).indexOf(r);
					expect(head.allowed).toContain(head.rating);
					expect(at(head.rating)).toBeGreaterThanOrEqual(at(cadre.rating));
					expect(at(moreTeam.rating)).toBeGreaterThanOrEqual(at(head.rating));
					if (team < 2) expect(head.rating).toBe(cadre.rating);
					expect(head.lowered).toBe(head.rating !== head.fromScore);
					if (head.lowered) expect(head.cap).not.toBeNull();
				}
			)
		);
	});
});

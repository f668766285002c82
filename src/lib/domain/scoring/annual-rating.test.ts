import { describe, expect, it } from 'vitest';
import { capAnnualRating, capHeadRating } from './annual-rating';

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

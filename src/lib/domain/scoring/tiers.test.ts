import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromInt, rational } from './rational';
import { competenceScale } from './scale';
import { choiceTally } from './tally';
import {
	combineWeighted,
	scoreDimensions,
	scoreTiers,
	validateWeights,
	type TierInput
} from './tiers';

const scale = competenceScale();
const tally = (counts: Record<string, number>) => choiceTally(scale, counts);

/** 分管领导 20 / 干部职工 40 / 考核组 40 (a stated example in DOMAIN-RULES). */
function exampleTiers(
	leaders: Record<string, number> = { excellent: 4, competent: 1 }
): TierInput[] {
	return [
		{ key: 'leaders', weight: 20, tally: tally(leaders) },
		{
			key: 'staff',
			weight: 40,
			tally: tally({ excellent: 10, competent: 8, basically_competent: 2 })
		},
		{ key: 'panel', weight: 40, tally: tally({ excellent: 5, competent: 4, incompetent: 1 }) }
	];
}

describe('weights', () => {
	it('accepts integer weights summing to 100 and explains any other sum', () => {
		expect(() =>
			validateWeights(
				[
					{ key: 'a', weight: 60 },
					{ key: 'b', weight: 40 }
				],
				'tier weights'
			)
		).not.toThrow();
		expect(() =>
			validateWeights(
				[
					{ key: 'a', weight: 30 },
					{ key: 'b', weight: 60 }
				],
				'tier weights'
			)
		).toThrow('tier weights must sum to 100, got a 30 + b 60 = 90');
		expect(() =>
			validateWeights(
				[
					{ key: 'a', weight: 50.5 },
					{ key: 'b', weight: 49.5 }
				],
				'w'
			)
		).toThrow(/integer/);
		expect(() =>
			validateWeights(
				[
					{ key: 'a', weight: 50 },
					{ key: 'a', weight: 50 }
				],
				'w'
			)
		).toThrow(/repeat/);
	});

	it('renormalizes over the parts that have a value', () => {
		expect(
			combineWeighted([
				{ weight: 30, value: fromInt(90) },
				{ weight: 70, value: null }
			])
		).toEqual(fromInt(90));
		expect(combineWeighted([{ weight: 100, value: null }])).toBeNull();
	});
});

describe('tier-weighted scores', () => {
	it('averages each tier first, then weights the tiers (hand-computed 88.40)', () => {
		const result = scoreTiers(exampleTiers());
		// leaders (4×100 + 1×80)/5 = 96; staff (10×100 + 8×80 + 2×60)/20 = 88; panel (5×100 + 4×80 + 30)/10 = 85
		expect(result.tiers.map((tier) => (tier.suppressed ? null : tier.score.display))).toEqual([
			'96.00',
			'88.00',
			'85.00'
		]);
		// (20×96 + 40×88 + 40×85)/100 = 88.40, not the pooled 3090/35 = 88.29
		expect(result.overall).toMatchObject({
			suppressed: false,
			ballots: 35,
			value: rational(442, 5),
			display: '88.40'
		});
	});

	it('hides a small tier, and one more, while the overall still counts it', () => {
		const result = scoreTiers(exampleTiers({ excellent: 1, incompetent: 2 }));
		expect(result.tiers).toEqual([
			{ key: 'leaders', weight: 20, suppressed: true, reason: 'below-minimum' },
			{ key: 'staff', weight: 40, suppressed: false, ballots: 20, score: expect.anything() },
			{ key: 'panel', weight: 40, suppressed: true, reason: 'complementary' }
		]);
		// leaders (100 + 60)/3 = 160/3; overall = (20×160/3 + 40×88 + 40×85)/100
		expect(result.overall).toMatchObject({ suppressed: false, value: rational(2396, 30) });
	});

	it('shows no tier alone when under N, whatever the counts', () => {
		const counts = fc.record({
			excellent: fc.nat(6),
			competent: fc.nat(6),
			incompetent: fc.nat(6)
		});
		fc.assert(
			fc.property(
				fc.array(counts, { minLength: 1, maxLength: 4 }),
				fc.integer({ min: 1, max: 10 }),
				(list, minBallots) => {
					const weights = list.map((_, i) => (i === 0 ? 100 - 10 * (list.length - 1) : 10));
					const tiers = list.map((c, i) => ({ key: `t${i}`, weight: weights[i], tally: tally(c) }));
					const result = scoreTiers(tiers, { minBallots });
					for (const tier of result.tiers)
						if (!tier.suppressed) expect(tier.ballots).toBeGreaterThanOrEqual(minBallots);
					const total = list.reduce((n, c) => n + c.excellent + c.competent + c.incompetent, 0);
					expect(result.overall.suppressed).toBe(total < minBallots);
				}
			)
		);
	});

	it('leaves out a tier with no valid answers and says so', () => {
		const tiers = exampleTiers();
		tiers[0] = {
			...tiers[0],
			tally: choiceTally(competenceScale(undefined, true), { abstain: 6 })
		};
		const result = scoreTiers(tiers);
		expect(result.overall).toMatchObject({ missing: ['leaders'], display: '86.50' });
	});
});

describe('dimension scores', () => {
	it('weights 德能勤绩廉 15/10/30/30/15 over tier-weighted dimension scores', () => {
		const dimension = (key: string, weight: number, excellent: number) => ({
			key,
			weight,
			tiers: [
				{ key: 'staff', weight: 60, tally: tally({ excellent, competent: 10 - excellent }) },
				{ key: 'representatives', weight: 40, tally: tally({ excellent: 5, competent: 5 }) }
			]
		});
		const result = scoreDimensions([
			dimension('morality', 15, 10),
			dimension('ability', 10, 8),
			dimension('diligence', 30, 6),
			dimension('performance', 30, 5),
			dimension('integrity', 15, 10)
		]);
		// staff per dimension: 100, 96, 92, 90, 100; representatives 90 everywhere.
		// dimension overall = 0.6 × staff + 0.4 × 90 → 96, 93.6, 91.2, 90, 96
		// overall = (1440 + 936 + 2736 + 2700 + 1440)/100 = 92.52
		expect(
			result.dimensions.map((d) => (d.result.overall.suppressed ? null : d.result.overall.display))
		).toEqual(['96.00', '93.60', '91.20', '90.00', '96.00']);
		expect(result.overall).toMatchObject({ suppressed: false, display: '92.52', ballots: 20 });
		// staff alone: (15×100 + 10×96 + 30×92 + 30×90 + 15×100)/100 = 94.2
		expect(result.tiers).toEqual([
			{ key: 'staff', suppressed: false, value: rational(471, 5), display: '94.20' },
			{ key: 'representatives', suppressed: false, value: fromInt(90), display: '90.00' }
		]);
	});

	it('hides the same small tier in every dimension and across dimensions', () => {
		const dimension = (key: string, leaders: Record<string, number>) => ({
			key,
			weight: 50,
			tiers: exampleTiers(leaders)
		});
		const result = scoreDimensions([
			dimension('ability', { excellent: 2, competent: 1 }),
			dimension('integrity', { excellent: 4 })
		]);
		for (const { result: tiered } of result.dimensions) {
			expect(tiered.tiers.map((tier) => tier.suppressed)).toEqual([true, false, true]);
		}
		expect(result.tiers.map((tier) => tier.suppressed)).toEqual([true, false, true]);
		expect(result.overall.suppressed).toBe(false);
	});

	it('refuses dimensions rated by different tiers', () => {
		expect(() =>
			scoreDimensions([
				{ key: 'ability', weight: 50, tiers: exampleTiers() },
				{ key: 'integrity', weight: 50, tiers: exampleTiers().slice(0, 2) }
			])
		).toThrow(/same tiers/);
	});

	it('rejects dimension weights that do not sum to 100', () => {
		expect(() => scoreDimensions([{ key: 'morality', weight: 15, tiers: exampleTiers() }])).toThrow(
			/dimension weights must sum to 100/
		);
	});
});

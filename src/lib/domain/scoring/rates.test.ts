import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, fromInt, ONE, rational, toFractionString, ZERO } from './rational';
import {
	competentOrAboveRate,
	dissatisfactionRate,
	excellentRate,
	satisfactionRate,
	shareOf,
	weightedScore
} from './rates';
import {
	competenceScale,
	nationalSurveyScale,
	satisfactionScale,
	numericScoreScale
} from './scale';
import { choiceTally, tallyScores, type DenominatorKind } from './tally';

describe('rates', () => {
	it('reproduces Dawukou 2008: 131 of 133 satisfied is 98.49% only when truncated', () => {
		const tally = choiceTally(
			satisfactionScale(),
			{ satisfied: 120, basically_satisfied: 11, dissatisfied: 2 },
			{ expected: 133 }
		);
		const truncated = satisfactionRate(tally, {
			denominator: 'expected',
			rounding: { precision: 2, mode: 'truncate' }
		});
		expect(truncated).toMatchObject({ numerator: 131, denominator: 133, percent: '98.49' });
		expect(toFractionString(truncated.value ?? ZERO)).toBe('131/133');
		const halfUp = satisfactionRate(tally, { denominator: 'expected' });
		expect(halfUp.percent).toBe('98.50');
	});

	it('shows that no k/n with n ≤ 133 rounds half-up to 98.49%', () => {
		const hits: string[] = [];
		for (let n = 1; n <= 133; n += 1) {
			for (let k = 0; k <= n; k += 1) {
				const value = shareOf(
					choiceTally(satisfactionScale(), { satisfied: k, dissatisfied: n - k }),
					['satisfied'],
					{ denominator: 'returned' }
				);
				if (value.percent === '98.49') hits.push(`${k}/${n}`);
			}
		}
		expect(hits).toEqual([]);
	});

	it('gives 99.2% for 132 of 133 at one decimal in either mode', () => {
		const tally = choiceTally(
			satisfactionScale(),
			{ satisfied: 132, dissatisfied: 1 },
			{ expected: 133 }
		);
		for (const mode of ['half-up', 'truncate'] as const) {
			expect(
				satisfactionRate(tally, { denominator: 'expected', rounding: { precision: 1, mode } })
					.percent
			).toBe('99.2');
		}
	});

	it('uses the chosen denominator for each named rate', () => {
		const tally = choiceTally(
			competenceScale(undefined, true),
			{ excellent: 30, competent: 40, basically_competent: 20, incompetent: 6, abstain: 4 },
			{ expected: 110 }
		);
		expect(excellentRate(tally, { denominator: 'valid' })).toMatchObject({
			numerator: 30,
			denominator: 96,
			percent: '31.25'
		});
		expect(competentOrAboveRate(tally, { denominator: 'returned' }).percent).toBe('70.00');
		expect(competentOrAboveRate(tally, { denominator: 'expected' }).value).toEqual(
			rational(70, 110)
		);
		expect(shareOf(tally, 'belowCompetent', { denominator: 'valid' }).numerator).toBe(26);
		expect(shareOf(tally, ['abstain'], { denominator: 'returned' }).numerator).toBe(4);
		expect(() => shareOf(tally, ['abstain'], { denominator: 'valid' })).toThrow(/excluded/);
	});

	it('lets a campaign choose which options count as satisfied or dissatisfied', () => {
		const tally = choiceTally(nationalSurveyScale(), {
			very_satisfied: 5,
			satisfied: 3,
			basically_satisfied: 1,
			not_very_satisfied: 1
		});
		const config = { denominator: 'valid' as const };
		expect(satisfactionRate(tally, config).numerator).toBe(9);
		expect(
			satisfactionRate(tally, { ...config, optionKeys: ['satisfied', 'basically_satisfied'] })
				.numerator
		).toBe(4);
		expect(dissatisfactionRate(tally, { ...config, optionKeys: ['dissatisfied'] }).numerator).toBe(
			0
		);
	});

	it('returns no value when nobody answered', () => {
		const rate = satisfactionRate(choiceTally(satisfactionScale(), { unknown: 3 }), {
			denominator: 'valid'
		});
		expect(rate).toMatchObject({ denominator: 0, value: null, percent: null });
	});

	it('keeps every rate in [0, 1] whatever the counts and denominator', () => {
		const counts = fc.record({
			satisfied: fc.nat(50),
			basically_satisfied: fc.nat(50),
			dissatisfied: fc.nat(50),
			unknown: fc.nat(50)
		});
		const kind = fc.constantFrom<DenominatorKind>('expected', 'returned', 'valid');
		fc.assert(
			fc.property(counts, fc.nat(30), fc.nat(30), kind, (values, blank, extra, denominator) => {
				const returned = Object.values(values).reduce((a, b) => a + b, blank);
				const tally = choiceTally(satisfactionScale(), values, {
					blank,
					expected: returned + extra
				});
				for (const rate of [
					satisfactionRate(tally, { denominator }),
					dissatisfactionRate(tally, { denominator })
				]) {
					if (rate.value === null) continue;
					expect(compare(rate.value, ZERO)).toBeGreaterThanOrEqual(0);
					expect(compare(rate.value, ONE)).toBeLessThanOrEqual(0);
				}
			})
		);
	});
});

describe('weighted scores', () => {
	it('reproduces Jining 2011 (84.36) with the 100/80/60/30/0 weights, 不了解 dropped', () => {
		const tally = choiceTally(nationalSurveyScale(), {
			very_satisfied: 110,
			satisfied: 95,
			basically_satisfied: 40,
			not_very_satisfied: 3,
			dissatisfied: 2,
			unknown: 7
		});
		const score = weightedScore(tally);
		// (110×100 + 95×80 + 40×60 + 3×30 + 2×0) / 250 = 21090 / 250 = 84.36 exactly.
		expect(score).toMatchObject({ total: fromInt(21090), denominator: 250, display: '84.36' });
		expect(score.value).toEqual(rational(2109, 25));
		expect(weightedScore(tally, { denominator: 'returned' }).display).toBe('82.06');
	});

	it('computes the mean of numeric scores with the chosen rounding', () => {
		const tally = tallyScores(numericScoreScale(), [96, 97.5, 97, null]);
		expect(weightedScore(tally).display).toBe('96.83');
		expect(weightedScore(tally, { rounding: { precision: 2, mode: 'truncate' } }).display).toBe(
			'96.83'
		);
		expect(weightedScore(tally, { rounding: { precision: 1, mode: 'truncate' } }).display).toBe(
			'96.8'
		);
	});

	it('refuses to score a scale whose valid options have no values', () => {
		expect(() => weightedScore(choiceTally(satisfactionScale(), { satisfied: 1 }))).toThrow(
			/no value/
		);
		const valued = satisfactionScale({ satisfied: 100, basicallySatisfied: 70, dissatisfied: 30 });
		expect(weightedScore(choiceTally(valued, { satisfied: 1, dissatisfied: 1 })).display).toBe(
			'65.00'
		);
	});

	it('stays within the lowest and highest option values', () => {
		const counts = fc.array(fc.nat(40), { minLength: 6, maxLength: 6 });
		fc.assert(
			fc.property(counts, (values) => {
				const scale = nationalSurveyScale();
				const record = Object.fromEntries(
					scale.options.map((option, i) => [option.key, values[i]])
				);
				const score = weightedScore(choiceTally(scale, record)).value;
				if (score === null) return expect(values.slice(0, 5).every((v) => v === 0)).toBe(true);
				expect(compare(score, ZERO)).toBeGreaterThanOrEqual(0);
				expect(compare(score, fromInt(100))).toBeLessThanOrEqual(0);
			})
		);
	});
});

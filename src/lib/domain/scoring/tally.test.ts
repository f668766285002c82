import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational } from './rational';
import { competenceScale, nationalSurveyScale, numericScoreScale } from './scale';
import {
	choiceTally,
	denominatorCount,
	mergeTallies,
	numericTally,
	returnedCount,
	tallyChoices,
	tallyScores,
	validCount
} from './tally';

const scale = nationalSurveyScale();
const keys = scale.options.map((option) => option.key);
const answers = fc.array(fc.option(fc.constantFrom(...keys), { nil: null }), { maxLength: 60 });

describe('tallies', () => {
	it('counts answers per option, blanks apart, and derives the three denominators', () => {
		const tally = tallyChoices(
			scale,
			['satisfied', 'satisfied', 'unknown', null, 'dissatisfied'],
			8
		);
		expect(tally.counts).toMatchObject({
			satisfied: 2,
			unknown: 1,
			dissatisfied: 1,
			very_satisfied: 0
		});
		expect(tally.blank).toBe(1);
		expect(denominatorCount(tally, 'expected')).toBe(8);
		expect(denominatorCount(tally, 'returned')).toBe(5);
		expect(denominatorCount(tally, 'valid')).toBe(3);
	});

	it('does not depend on the order of the ballots', () => {
		fc.assert(
			fc.property(
				answers.chain((list) =>
					fc.tuple(
						fc.constant(list),
						fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
					)
				),
				([list, shuffled]) => {
					expect(tallyChoices(scale, shuffled)).toEqual(tallyChoices(scale, list));
				}
			)
		);
	});

	it('keeps valid ≤ returned ≤ expected', () => {
		fc.assert(
			fc.property(answers, fc.nat(20), (list, extra) => {
				const tally = tallyChoices(scale, list, list.length + extra);
				expect(validCount(tally)).toBeLessThanOrEqual(returnedCount(tally));
				expect(returnedCount(tally)).toBe(list.length);
			})
		);
	});

	it('refuses unknown options, negative counts and more ballots than expected', () => {
		expect(() => tallyChoices(scale, ['bogus'])).toThrow(/no option bogus/);
		expect(() => choiceTally(scale, { satisfied: -1 })).toThrow(/non-negative/);
		expect(() => choiceTally(scale, { satisfied: 5 }, { expected: 4 })).toThrow(/more ballots/);
		expect(() => denominatorCount(choiceTally(scale, {}), 'expected')).toThrow(/expected count/);
	});

	it('sums numeric scores exactly and rejects scores off the scale', () => {
		const score = numericScoreScale();
		const tally = tallyScores(score, [95.5, '80.25', null, 100]);
		expect(tally.sum).toEqual(rational(1103, 4)); // 275.75
		expect(tally.count).toBe(3);
		expect(returnedCount(tally)).toBe(4);
		expect(validCount(tally)).toBe(3);
		expect(() => tallyScores(score, [101])).toThrow(/outside/);
		expect(() => numericTally(score, { sum: rational(5), count: 0 })).toThrow(/at least one/);
	});

	it('merges tiers of the same item into one tally', () => {
		const competence = competenceScale();
		const merged = mergeTallies([
			choiceTally(competence, { excellent: 3, competent: 2 }, { expected: 6 }),
			choiceTally(competence, { excellent: 1, incompetent: 1 }, { blank: 1, expected: 4 })
		]);
		expect(merged.counts).toEqual({
			excellent: 4,
			competent: 2,
			basically_competent: 0,
			incompetent: 1
		});
		expect(merged.blank).toBe(1);
		expect(merged.expected).toBe(10);
		const scores = mergeTallies([
			tallyScores(numericScoreScale(), [90]),
			tallyScores(numericScoreScale(), [70, null])
		]);
		expect(scores).toMatchObject({ sum: rational(160), count: 2, blank: 1 });
	});
});

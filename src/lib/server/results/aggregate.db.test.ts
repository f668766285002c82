import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { tallyChoices, weightedScore, type ChoiceScale } from '$lib/domain/scoring';
import { computeResults } from './compute';
import { toEngineScale } from './settings';
import { cast, openFixture } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const options = [
	'very_satisfied',
	'satisfied',
	'basically_satisfied',
	'not_very_satisfied',
	'dissatisfied',
	'unknown'
];

describe('counting in SQL', () => {
	it('gives the same counts, blanks and score as the engine tallying the answers one by one', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.option(fc.constantFrom(...options), { nil: null }), {
					minLength: 5,
					maxLength: 40
				}),
				async (answers) => {
					const db = database.db;
					const fixture = await openFixture(db, 'satisfaction_survey', []);
					for (const answer of answers)
						await cast(db, fixture, '总体评价', null, answer === null ? {} : { org_work: answer });
					const computed = await computeResults(db, fixture.id);
					const item = computed?.snapshot.items.find((i) => i.question === 'org_work');
					const question = fixture.definition.questions.find((q) => q.key === 'org_work');
					const scale = toEngineScale(question!) as ChoiceScale;
					const expected = tallyChoices(scale, answers);
					expect(item).toMatchObject({
						suppressed: false,
						ballots: answers.length,
						pooled: {
							counts: expected.counts,
							blank: expected.blank,
							score: { value: weightedScore(expected).value }
						}
					});
				}
			),
			{ numRuns: 12 }
		);
	});
});

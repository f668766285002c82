import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringSettings, scoreCampaign } from './campaign';
import { rational } from './rational';
import { rulesFromTemplate } from './rule-templates';
import { nationalSurveyScale, satisfactionScale, numericScoreScale } from './scale';
import { choiceTally, tallyChoices, tallyScores } from './tally';

describe('scoring a campaign', () => {
	it('scores, ranks and applies the unit-evaluation rules from raw scores', () => {
		const scale = numericScoreScale();
		const subjects = [
			{ subject: 'tax', tally: tallyScores(scale, [90, 92, 88, 91, 89]) },
			{ subject: 'police', tally: tallyScores(scale, [80, 85, 82, 84, 79]) },
			{ subject: 'housing', tally: tallyScores(scale, [70, 75, 72, 71, null]) },
			{ subject: 'water', tally: tallyScores(scale, [82, 82, 82, 82, 82]) },
			{ subject: 'transport', tally: tallyScores(scale, [60, 65, 70, 75, 80]) }
		];
		const result = scoreCampaign('2026-units', subjects, {
			...defaultScoringSettings,
			rules: rulesFromTemplate('unit_evaluation')
		});
		expect(result.subjects.map((s) => [s.subject, s.score?.display])).toEqual([
			['tax', '90.00'],
			['police', '82.00'],
			['housing', '72.00'],
			['water', '82.00'],
			['transport', '70.00']
		]);
		expect(result.ranking.map((r) => [r.subject, r.rank])).toEqual([
			['tax', 1],
			['police', 2],
			['water', 2],
			['housing', 4],
			['transport', 5]
		]);
		expect(result.outcomes.map((o) => [o.ruleId, o.subject])).toEqual([
			['last_place', 'transport'],
			['bottom_three', 'police'],
			['bottom_three', 'water'],
			['bottom_three', 'housing'],
			['bottom_three', 'transport']
		]);
	});

	it('ties subjects whose published figures are equal, unless told to rank on exact values', () => {
		const scale = numericScoreScale();
		// 84.36 and (84.36 + 84.361) / 2 = 84.3605 both publish as 84.36.
		const subjects = [
			{ subject: 'jining', tally: tallyScores(scale, ['84.36']) },
			{ subject: 'other', tally: tallyScores(scale, ['84.36', '84.361']) },
			{ subject: 'top', tally: tallyScores(scale, [90]) }
		];
		const displayed = scoreCampaign('survey', subjects);
		expect(displayed.subjects.map((s) => s.score?.display)).toEqual(['84.36', '84.36', '90.00']);
		expect(displayed.ranking.map((r) => [r.subject, r.rank])).toEqual([
			['top', 1],
			['jining', 2],
			['other', 2]
		]);
		const exact = scoreCampaign('survey', subjects, { ...defaultScoringSettings, rankOn: 'exact' });
		expect(exact.ranking.map((r) => [r.subject, r.rank])).toEqual([
			['top', 1],
			['other', 2],
			['jining', 3]
		]);
	});

	it('leaves the score out when the scale has no points, and survey scores keep 不了解 out', () => {
		const survey = scoreCampaign('survey', [
			{
				subject: 'jining',
				tally: choiceTally(nationalSurveyScale(), {
					very_satisfied: 110,
					satisfied: 95,
					basically_satisfied: 40,
					not_very_satisfied: 3,
					dissatisfied: 2,
					unknown: 7
				})
			}
		]);
		expect(survey.subjects[0]).toMatchObject({
			returned: 257,
			valid: 250,
			score: { display: '84.36' }
		});
		expect(survey.subjects[0].satisfaction?.percent).toBe('98.00');
	});

	it('ranks by satisfaction rate and breaks ties by valid ballots', () => {
		const scale = satisfactionScale();
		const result = scoreCampaign(
			'appraisal',
			[
				{ subject: 'a', tally: choiceTally(scale, { satisfied: 9, dissatisfied: 1 }) },
				{ subject: 'b', tally: choiceTally(scale, { satisfied: 18, dissatisfied: 2 }) },
				{ subject: 'c', tally: choiceTally(scale, { satisfied: 5, dissatisfied: 5, unknown: 4 }) }
			],
			{
				...defaultScoringSettings,
				rankBy: 'satisfaction',
				rank: { tieBreakers: [{ key: 'valid', direction: 'higher-is-better' }] }
			}
		);
		expect(result.subjects.map((s) => [s.subject, s.score, s.satisfaction?.percent])).toEqual([
			['a', null, '90.00'],
			['b', null, '90.00'],
			['c', null, '50.00']
		]);
		expect(result.ranking.map((r) => [r.subject, r.rank, r.decidedBy])).toEqual([
			['b', 1, 'valid'],
			['a', 2, 'valid'],
			['c', 3, null]
		]);
		// Ranked on the published 90.00%, kept as the rate 9/10 rather than the percent.
		expect(result.ranking[0].value).toEqual(rational(9, 10));
	});
});

describe('order independence', () => {
	it('gives the same results whatever the order of the ballots and of the subjects', () => {
		const scale = satisfactionScale({ satisfied: 100, basicallySatisfied: 70, dissatisfied: 30 });
		const keys = scale.options.map((option) => option.key);
		const ballots = fc.array(fc.constantFrom(...keys), { maxLength: 30 });
		fc.assert(
			fc.property(
				fc.array(ballots, { minLength: 1, maxLength: 6 }),
				fc.integer(),
				(lists, seed) => {
					const subjects = lists.map((list, i) => ({ subject: `s${i}`, answers: list }));
					const shuffle = <T>(items: readonly T[]) =>
						items
							.map((item, i) => ({ item, key: (i * 7919 + seed) % 101 }))
							.sort((a, b) => a.key - b.key)
							.map(({ item }) => item);
					const run = (list: typeof subjects, reorder: boolean) =>
						scoreCampaign(
							'c',
							list.map(({ subject, answers }) => ({
								subject,
								tally: tallyChoices(scale, reorder ? shuffle(answers) : answers)
							}))
						);
					const forward = run(subjects, false);
					const shuffled = run(shuffle(subjects), true);
					const byRank = (result: ReturnType<typeof scoreCampaign>) =>
						new Map(result.ranking.map((entry) => [entry.subject, entry.rank]));
					expect(byRank(shuffled)).toEqual(byRank(forward));
				}
			)
		);
	});
});

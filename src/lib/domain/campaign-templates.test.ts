import { describe, expect, it } from 'vitest';
import { ballotSubjects, checkBallot } from './campaign-ballot';
import {
	optionsOf,
	toAnswerScale,
	type BallotQuestion,
	type BallotSubject
} from './campaign-scale';
import { getTemplate, templateList } from './campaign-templates';

describe('the campaign templates', () => {
	it('ship one template for each of the five kinds', () => {
		expect(templateList.map((t) => t.kind).sort()).toEqual([
			'appointment_appraisal',
			'democratic_assessment',
			'satisfaction_survey',
			'top_bottom_ten',
			'unit_evaluation'
		]);
	});

	it('name only options, questions and kinds that exist', () => {
		for (const template of templateList) {
			const keys = template.questions.map((q) => q.key);
			expect(new Set(keys).size).toBe(keys.length);
			for (const q of template.questions) {
				expect(q.kind).toBe(q.scale.type);
				const options = optionsOf(q.scale).map((o) => o.key);
				expect(q.reasonRequiredFor.every((key) => options.includes(key))).toBe(true);
				if (q.scale.type === 'pick' && q.scale.disjointFrom)
					expect(keys).toContain(q.scale.disjointFrom);
				if (q.appliesTo.includes('overall')) expect(template.overall).toBe(true);
			}
		}
	});

	it('weight tiers to 100 wherever the results weight them', () => {
		for (const template of templateList) {
			if (template.tiers.length === 0 || template.settings.tierWeighting === false) continue;
			expect(template.tiers.reduce((sum, t) => sum + t.weight, 0)).toBe(100);
		}
	});

	it('gives 不认同 a required reason and the assessment its five dimensions', () => {
		const approval = getTemplate('appointment_appraisal').questions.find(
			(q) => q.key === 'b_approval'
		);
		expect(approval?.reasonRequiredFor).toEqual(['disapprove']);
		const dims = getTemplate('democratic_assessment').questions.flatMap((q) => q.dimension ?? []);
		expect(dims).toEqual(['德', '能', '勤', '绩', '廉']);
	});
});

const questions: BallotQuestion[] = getTemplate('appointment_appraisal').questions.map((q, i) => ({
	...q,
	id: i + 1
}));
const subjects: BallotSubject[] = [
	{ id: 1, kind: 'overall', label: '总体', detail: null },
	{ id: 2, kind: 'cadre', label: '张三', detail: null }
];

describe('checking a ballot', () => {
	it('asks form A about the whole and form B about each new cadre', () => {
		expect(ballotSubjects(subjects, questions).map((s) => s.id)).toEqual([1, 2]);
	});

	it('accepts a complete ballot and leaves blank optional answers out', () => {
		const overall = { a_overall: { option: 'good' }, a_supervision: { option: 'average' } };
		const result = checkBallot(
			[
				{
					subjectId: 1,
					answers: {
						...overall,
						a_rectification: { option: 'poor' },
						a_malpractice: { option: 'unknown' },
						a_problems: { selected: [] }
					}
				},
				{ subjectId: 2, answers: { b_approval: { option: 'disapprove', reason: '程序不规范' } } }
			],
			subjects,
			questions
		);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.ballots.map((b) => b.answers.length)).toEqual([4, 1]);
	});

	it('refuses "no serious problem" ticked together with a problem', () => {
		const result = checkBallot(
			[
				{
					subjectId: 1,
					answers: {
						a_overall: { option: 'good' },
						a_supervision: { option: 'good' },
						a_rectification: { option: 'good' },
						a_malpractice: { option: 'satisfied' },
						a_problems: { selected: ['none', 'cronyism'] }
					}
				},
				{ subjectId: 2, answers: { b_approval: { option: 'approve' } } }
			],
			subjects,
			questions
		);
		expect(result).toEqual({
			ok: false,
			problems: [{ code: 'none_with_other', subjectId: 1, questionKey: 'a_problems' }]
		});
	});

	it('hands the scoring engine exact option values', () => {
		const scale = toAnswerScale(questions[0]);
		expect(scale?.kind).toBe('choice');
		if (scale?.kind === 'choice') expect(scale.options[1].value).toEqual({ num: 80n, den: 1n });
	});
});

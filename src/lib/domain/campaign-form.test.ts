import { describe, expect, it } from 'vitest';
import { checkBallot } from './campaign-ballot';
import { answerField, countAnswered, readBallotForm, reasonField } from './campaign-form';
import type { BallotQuestion, BallotSubject } from './campaign-scale';
import { getTemplate } from './campaign-templates';

const questionsOf = (kind: Parameters<typeof getTemplate>[0]): BallotQuestion[] =>
	getTemplate(kind).questions.map((q, i) => ({ ...q, id: i + 1 }));

function formOf(fields: [string, string][]) {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
}

describe('reading a ballot form', () => {
	const subjects: BallotSubject[] = [{ id: 7, kind: 'unit', label: '税务局', detail: null }];
	const questions = questionsOf('unit_evaluation');

	it('turns posted fields into answers the checker accepts', () => {
		const form = formOf(questions.map((q) => [answerField(7, q.key), '88']));
		const { ballots, values } = readBallotForm(form, subjects, questions);
		expect(ballots[0].answers.conduct).toEqual({ score: 88 });
		expect(values[answerField(7, 'service')]).toEqual(['88']);
		expect(checkBallot(ballots, subjects, questions).ok).toBe(true);
		expect(countAnswered(values, subjects[0], questions)).toEqual({ answered: 5, total: 5 });
	});

	it('lets a score that is not a whole number fail the range check', () => {
		const form = formOf(
			questions.map((q) => [answerField(7, q.key), q.key === 'lawful' ? '8.5' : '80'])
		);
		const { ballots } = readBallotForm(form, subjects, questions);
		const result = checkBallot(ballots, subjects, questions);
		expect(result).toEqual({
			ok: false,
			problems: [{ code: 'off_scale', subjectId: 7, questionKey: 'lawful' }]
		});
	});

	it('ignores fields for subjects and questions the ballot does not have', () => {
		const form = formOf([
			[answerField(8, 'conduct'), '100'],
			['a:7:unknown', 'x']
		]);
		const { ballots } = readBallotForm(form, subjects, questions);
		expect(ballots).toEqual([{ subjectId: 7, answers: {} }]);
	});

	it('keeps the reason beside a choice', () => {
		const cadre: BallotSubject[] = [{ id: 3, kind: 'cadre', label: '张三', detail: null }];
		const appraisal = questionsOf('appointment_appraisal');
		const form = formOf([
			[answerField(3, 'b_approval'), 'disapprove'],
			[reasonField(3, 'b_approval'), '程序不规范']
		]);
		const { ballots } = readBallotForm(form, cadre, appraisal);
		expect(ballots[0].answers.b_approval).toEqual({ option: 'disapprove', reason: '程序不规范' });
	});
});

import {
	questionsFor,
	ballotSubjects,
	type AnswerInput,
	type BallotInput
} from './campaign-ballot';
import type { BallotQuestion, BallotSubject } from './campaign-scale';

/**
 * Field names of the ballot form, shared by the page (which renders them) and the server (which
 * reads them back). A plain HTML form posts them, so the ballot works without JavaScript.
 */
export const answerField = (subjectId: number, key: string) => `a:${subjectId}:${key}`;
export const reasonField = (subjectId: number, key: string) => `r:${subjectId}:${key}`;
export const fieldId = (subjectId: number, key: string) => `q-${subjectId}-${key}`;

/** What the rater entered, by field name, so a refused form comes back filled in. */
export type FormValues = Record<string, string[]>;

/** Reads every field the form could have; anything else in the body is ignored. */
export function readBallotForm(
	form: { getAll(name: string): unknown[] },
	subjects: BallotSubject[],
	questions: BallotQuestion[]
): { ballots: BallotInput[]; values: FormValues } {
	const values: FormValues = {};
	const ballots = ballotSubjects(subjects, questions).map((subject) => {
		const answers: Record<string, AnswerInput> = {};
		for (const question of questionsFor(subject, questions)) {
			const name = answerField(subject.id, question.key);
			const raw = strings(form.getAll(name));
			const reason = strings(form.getAll(reasonField(subject.id, question.key)))[0];
			values[name] = raw;
			if (reason) values[reasonField(subject.id, question.key)] = [reason];
			const answer = toAnswer(question, raw, reason);
			if (answer) answers[question.key] = answer;
		}
		return { subjectId: subject.id, answers };
	});
	return { ballots, values };
}

function toAnswer(
	question: BallotQuestion,
	raw: string[],
	reason: string | undefined
): AnswerInput | null {
	const first = raw[0]?.trim() ?? '';
	switch (question.scale.type) {
		case 'choice':
			return first ? { option: first, reason } : null;
		case 'score': {
			if (first === '') return null;
			// Not a whole number: NaN fails the range check and the rater is told so.
			return { score: /^-?\d+$/.test(first) ? Number(first) : Number.NaN };
		}
		case 'checklist':
		case 'pick':
			return raw.length > 0 ? { selected: raw } : null;
		case 'text':
			return first ? { text: first } : null;
	}
}

function strings(values: unknown[]): string[] {
	return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Per subject: answered questions out of those asked, for the progress display. */
export function countAnswered(
	values: FormValues,
	subject: BallotSubject,
	questions: BallotQuestion[]
): { answered: number; total: number } {
	const asked = questionsFor(subject, questions);
	const answered = asked.filter((q) => (values[answerField(subject.id, q.key)] ?? []).length > 0);
	return { answered: answered.length, total: asked.length };
}

import type { BallotProblem } from '$lib/domain/campaign-ballot';
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { SubmitError } from './errors';

/** A refused submission in the request's language: what went wrong and what to do. */
export function submitErrorMessage(error: SubmitError): string {
	switch (error.code) {
		case 'malformed':
			return m.ballot_error_malformed();
		case 'too_large':
			return m.ballot_error_too_large();
		case 'campaign_not_found':
			return m.ballot_error_not_found();
		case 'campaign_closed':
			return m.ballot_error_closed();
		case 'code_invalid':
			return m.ballot_error_code_invalid();
		case 'code_used':
			return m.ballot_error_code_used();
		case 'code_expired':
			return m.ballot_error_code_expired();
		case 'not_in_electorate':
			return m.ballot_error_not_in_electorate();
		case 'invalid_answers':
			return m.ballot_error_invalid_answers({ count: error.problems.length });
		case 'already_voted':
			return m.ballot_error_already_voted();
	}
}

export interface ProblemLine {
	/** The id of the field to jump to from the error summary. */
	fieldId: string | null;
	text: string;
}

/** One line per problem, naming the subject and the question in words a rater understands. */
export function describeProblems(
	problems: BallotProblem[],
	subjects: BallotSubject[],
	questions: BallotQuestion[]
): ProblemLine[] {
	const english = getLocale() === 'en';
	return problems.map((problem) => {
		const subject = subjectName(subjects.find((s) => s.id === problem.subjectId));
		const question = questions.find((q) => q.key === problem.questionKey);
		const prompt = question ? (english ? question.prompt.en : question.prompt.zh) : '';
		const where = [subject, prompt].filter(Boolean).join(english ? ' — ' : '：');
		return {
			fieldId:
				problem.subjectId !== undefined && problem.questionKey
					? `q-${problem.subjectId}-${problem.questionKey}`
					: null,
			text: m.ballot_problem_line({ where, what: problemText(problem.code) })
		};
	});
}

/**
 * What the form's heading calls the subject: the "overall" subject's stored label is the
 * template's Chinese name, so it is named in the request's language like the form does.
 */
function subjectName(subject: BallotSubject | undefined): string {
	if (!subject) return '';
	return subject.kind === 'overall' ? m.ballot_overall() : subject.label;
}

function problemText(code: BallotProblem['code']): string {
	switch (code) {
		case 'wrong_subject':
		case 'duplicate_subject':
			return m.ballot_problem_wrong_subject();
		case 'missing_subject':
			return m.ballot_problem_missing_subject();
		case 'unknown_question':
			return m.ballot_problem_unknown_question();
		case 'off_scale':
			return m.ballot_problem_off_scale();
		case 'missing_answer':
			return m.ballot_problem_missing_answer();
		case 'reason_missing':
			return m.ballot_problem_reason_missing();
		case 'too_many_picks':
			return m.ballot_problem_too_many_picks();
		case 'pick_in_both':
			return m.ballot_problem_pick_in_both();
		case 'none_with_other':
			return m.ballot_problem_none_with_other();
		case 'text_too_long':
			return m.ballot_problem_text_too_long();
		case 'recused_subject':
			return m.ballot_problem_recused();
	}
}

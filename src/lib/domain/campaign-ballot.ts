import type { BallotQuestion, BallotSubject, ScaleOption } from './campaign-scale';

/** One answer as it arrives from a form or a JSON body, before checking. */
export interface AnswerInput {
	option?: string;
	score?: number;
	selected?: string[];
	text?: string;
	reason?: string;
}

export interface BallotInput {
	subjectId: number;
	/** Keyed by question key. */
	answers: Record<string, AnswerInput>;
}

/** An answer that passed every check, shaped like a ballot_answer row. */
export interface CheckedAnswer {
	questionId: number;
	optionKey: string | null;
	score: number | null;
	selected: string[] | null;
	text: string | null;
	reason: string | null;
}

export interface CheckedBallot {
	subjectId: number;
	answers: CheckedAnswer[];
}

export type BallotProblemCode =
	| 'wrong_subject'
	| 'missing_subject'
	| 'duplicate_subject'
	| 'unknown_question'
	| 'off_scale'
	| 'missing_answer'
	| 'reason_missing'
	| 'too_many_picks'
	| 'pick_in_both'
	| 'none_with_other'
	| 'text_too_long'
	/** The rater is recused (回避) from this subject, or from every subject (no subjectId). */
	| 'recused_subject';

export interface BallotProblem {
	code: BallotProblemCode;
	subjectId?: number;
	questionKey?: string;
}

export type BallotCheck =
	{ ok: true; ballots: CheckedBallot[] } | { ok: false; problems: BallotProblem[] };

/** Longest reason a rater may write; free-text questions carry their own limit. */
export const maxReasonLength = 500;

/** The questions asked about a subject. Subjects with none (pick candidates) get no ballot. */
export function questionsFor(
	subject: BallotSubject,
	questions: BallotQuestion[]
): BallotQuestion[] {
	return questions.filter((q) => q.appliesTo.includes(subject.kind));
}

export function ballotSubjects(
	subjects: BallotSubject[],
	questions: BallotQuestion[]
): BallotSubject[] {
	return subjects.filter((s) => questionsFor(s, questions).length > 0);
}

/**
 * The subjects a rater sees: all but those they are recused from (回避, domain/recusal.ts).
 * Recused subjects are no pick candidates either: naming one in a top ten rates it too.
 */
export function withoutRecused(
	subjects: BallotSubject[],
	recused: readonly number[]
): BallotSubject[] {
	if (recused.length === 0) return subjects;
	const out = new Set(recused);
	return subjects.filter((s) => !out.has(s.id));
}

/**
 * Checks a whole ballot (every subject that has questions, each exactly once) against the frozen
 * questions. Collects every problem, so a form can point at all of them at once. A subject the
 * rater is `recused` from is neither expected nor accepted (problem `recused_subject`).
 */
export function checkBallot(
	inputs: BallotInput[],
	allSubjects: BallotSubject[],
	questions: BallotQuestion[],
	recused: readonly number[] = []
): BallotCheck {
	const problems: BallotProblem[] = [];
	const subjects = withoutRecused(allSubjects, recused);
	const expected = ballotSubjects(subjects, questions);
	const byId = new Map(expected.map((s) => [s.id, s]));
	const seen = new Set<number>();
	const ballots: CheckedBallot[] = [];
	// Recused from everything asked: nothing to vote on, and an empty ballot is not a vote.
	if (expected.length === 0 && recused.length > 0) problems.push({ code: 'recused_subject' });
	for (const input of inputs) {
		const subject = byId.get(input.subjectId);
		if (recused.includes(input.subjectId))
			problems.push({ code: 'recused_subject', subjectId: input.subjectId });
		else if (!subject) problems.push({ code: 'wrong_subject', subjectId: input.subjectId });
		else if (seen.has(subject.id))
			problems.push({ code: 'duplicate_subject', subjectId: subject.id });
		else {
			seen.add(subject.id);
			const result = checkSubject(input, subject, questions, subjects);
			problems.push(...result.problems);
			ballots.push({ subjectId: subject.id, answers: result.answers });
		}
	}
	for (const subject of expected) {
		if (!seen.has(subject.id)) problems.push({ code: 'missing_subject', subjectId: subject.id });
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, ballots };
}

function checkSubject(
	input: BallotInput,
	subject: BallotSubject,
	questions: BallotQuestion[],
	allSubjects: BallotSubject[]
): { answers: CheckedAnswer[]; problems: BallotProblem[] } {
	const asked = questionsFor(subject, questions);
	const problems: BallotProblem[] = [];
	const answers: CheckedAnswer[] = [];
	const askedKeys = new Set(asked.map((q) => q.key));
	for (const key of Object.keys(input.answers)) {
		if (!askedKeys.has(key))
			problems.push({ code: 'unknown_question', subjectId: subject.id, questionKey: key });
	}
	for (const question of asked) {
		const raw = input.answers[question.key];
		const outcome = checkAnswer(question, raw, allSubjects);
		const at = { subjectId: subject.id, questionKey: question.key };
		if (typeof outcome === 'string') problems.push({ code: outcome, ...at });
		else if (outcome) answers.push(outcome);
		else if (question.required) problems.push({ code: 'missing_answer', ...at });
	}
	problems.push(...checkDisjointPicks(asked, answers, subject.id));
	return { answers, problems };
}

/** null: not answered; a code: answered wrongly; otherwise the checked answer. */
function checkAnswer(
	question: BallotQuestion,
	raw: AnswerInput | undefined,
	subjects: BallotSubject[]
): CheckedAnswer | BallotProblemCode | null {
	const scale = question.scale;
	const blank = { questionId: question.id, optionKey: null, score: null, selected: null };
	const reason = raw?.reason?.trim() || null;
	if (reason && reason.length > maxReasonLength) return 'text_too_long';
	switch (scale.type) {
		case 'choice': {
			if (!raw?.option) return null;
			if (!findOption(scale.options, raw.option)) return 'off_scale';
			if (question.reasonRequiredFor.includes(raw.option) && !reason) return 'reason_missing';
			return { ...blank, optionKey: raw.option, text: null, reason };
		}
		case 'score': {
			if (raw?.score === undefined) return null;
			const score = raw.score;
			if (!Number.isInteger(score) || score < scale.min || score > scale.max) return 'off_scale';
			return { ...blank, score, text: null, reason: null };
		}
		case 'checklist': {
			const picked = unique(raw?.selected ?? []);
			if (picked.length === 0) return null;
			if (picked.some((key) => !findOption(scale.options, key))) return 'off_scale';
			if (scale.noneKey && picked.includes(scale.noneKey) && picked.length > 1)
				return 'none_with_other';
			return { ...blank, selected: picked, text: null, reason: null };
		}
		case 'pick': {
			const picked = unique(raw?.selected ?? []);
			if (picked.length === 0) return null;
			const candidates = new Set(
				subjects.filter((s) => scale.candidateKinds.includes(s.kind)).map((s) => String(s.id))
			);
			if (picked.some((id) => !candidates.has(id))) return 'off_scale';
			if (picked.length > scale.max) return 'too_many_picks';
			return { ...blank, selected: picked, text: null, reason: null };
		}
		case 'text': {
			const text = raw?.text?.trim();
			if (!text) return null;
			if (text.length > scale.maxLength) return 'text_too_long';
			return { ...blank, text, reason: null };
		}
	}
}

/** Top ten and bottom ten: the same cadre may not be named in both lists. */
function checkDisjointPicks(
	asked: BallotQuestion[],
	answers: CheckedAnswer[],
	subjectId: number
): BallotProblem[] {
	const problems: BallotProblem[] = [];
	for (const question of asked) {
		if (question.scale.type !== 'pick' || !question.scale.disjointFrom) continue;
		const other = asked.find(
			(q) => q.key === (question.scale as { disjointFrom: string }).disjointFrom
		);
		const mine = answers.find((a) => a.questionId === question.id)?.selected ?? [];
		const theirs = answers.find((a) => a.questionId === other?.id)?.selected ?? [];
		if (mine.some((id) => theirs.includes(id)))
			problems.push({ code: 'pick_in_both', subjectId, questionKey: question.key });
	}
	return problems;
}

function findOption(options: ScaleOption[], key: string): ScaleOption | undefined {
	return options.find((o) => o.key === key);
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

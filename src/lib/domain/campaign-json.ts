import type { AnswerInput, BallotInput } from './campaign-ballot';

/** A ballot sent as JSON (the programmatic twin of the form): key and answers per subject. */
export interface BallotJson {
	idempotencyKey: string;
	ballots: BallotInput[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function parseAnswer(raw: unknown): AnswerInput | null {
	if (!isRecord(raw)) return null;
	const answer: AnswerInput = {};
	for (const [key, value] of Object.entries(raw)) {
		if ((key === 'option' || key === 'text' || key === 'reason') && typeof value === 'string')
			answer[key] = value;
		else if (key === 'score' && typeof value === 'number') answer.score = value;
		else if (
			key === 'selected' &&
			Array.isArray(value) &&
			value.every((v) => typeof v === 'string')
		)
			answer.selected = value as string[];
		else return null;
	}
	return answer;
}

/**
 * Narrows an untrusted JSON body to a ballot, or null when its shape is wrong. Whether the
 * answers fit the campaign is checked later, by checkBallot, exactly as for the form.
 */
export function parseBallotJson(body: unknown): BallotJson | null {
	if (!isRecord(body) || typeof body.idempotencyKey !== 'string' || !Array.isArray(body.ballots))
		return null;
	const ballots: BallotInput[] = [];
	for (const raw of body.ballots) {
		if (!isRecord(raw) || !Number.isSafeInteger(raw.subjectId) || !isRecord(raw.answers))
			return null;
		const answers: Record<string, AnswerInput> = {};
		for (const [key, value] of Object.entries(raw.answers)) {
			const answer = parseAnswer(value);
			if (!answer) return null;
			answers[key] = answer;
		}
		ballots.push({ subjectId: raw.subjectId as number, answers });
	}
	return { idempotencyKey: body.idempotencyKey, ballots };
}

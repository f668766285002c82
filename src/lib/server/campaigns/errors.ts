import type { BallotProblem } from '$lib/domain/campaign-ballot';

export type SubmitErrorCode =
	| 'malformed'
	| 'too_large'
	| 'campaign_not_found'
	| 'campaign_closed'
	| 'code_invalid'
	| 'code_used'
	| 'code_expired'
	| 'not_in_electorate'
	| 'invalid_answers'
	| 'already_voted';

const statusOf: Record<SubmitErrorCode, number> = {
	malformed: 400,
	too_large: 413,
	campaign_not_found: 404,
	campaign_closed: 409,
	code_invalid: 404,
	code_used: 410,
	code_expired: 410,
	not_in_electorate: 403,
	invalid_answers: 400,
	already_voted: 409
};

/** A submission refused before anything was written; `status` is the HTTP answer. */
export class SubmitError extends Error {
	readonly status: number;
	constructor(
		readonly code: SubmitErrorCode,
		readonly problems: BallotProblem[] = []
	) {
		super(code);
		this.name = 'SubmitError';
		this.status = statusOf[code];
	}
}

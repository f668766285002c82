/**
 * The audience page's two steps, without SvelteKit (the route maps them to cookies and HTTP):
 * opening the ballot (checks, then the device's token: the one it holds, or a new one within the
 * address's limit) and sending it (checks, then `submitBallots` with the token as a one-time
 * code). Every refusal is an AudienceError with an HTTP status, and writes nothing.
 */
import type { BallotInput } from '$lib/domain/campaign-ballot';
import { audienceBallotRefusal, audienceSettings } from '$lib/domain/audience';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { findBallotCode } from '$lib/server/campaigns/codes';
import {
	getBallotDefinition,
	isAcceptingBallots,
	type BallotDefinition,
	type Executor
} from '$lib/server/campaigns/definition';
import { SubmitError } from '$lib/server/campaigns/errors';
import { submitBallots, type Receipt } from '$lib/server/campaigns/submit';
import type { Database } from '$lib/server/db';
import type * as table from '$lib/server/db/schema';
import type { AudienceLimits } from './audience-limits';
import { mintAudienceToken } from './audience';

export type AudienceErrorCode =
	| 'not_found'
	| 'not_enabled'
	| 'closed'
	| 'rate_limited'
	| 'already_voted'
	| 'no_token'
	| 'token_invalid'
	/** The ballot itself was refused (malformed, too large, answers off the scale): see `cause`. */
	| 'ballot';

const statusOf: Record<Exclude<AudienceErrorCode, 'ballot'>, number> = {
	not_found: 404,
	not_enabled: 403,
	closed: 409,
	rate_limited: 429,
	already_voted: 409,
	no_token: 400,
	token_invalid: 403
};

export class AudienceError extends Error {
	readonly status: number;
	constructor(
		readonly code: AudienceErrorCode,
		readonly detail: { retryAfterSeconds?: number; submitError?: SubmitError } = {}
	) {
		super(code);
		this.name = 'AudienceError';
		this.status =
			code === 'ballot' ? (detail.submitError?.status ?? 400) : (statusOf[code] as number);
	}
}

/** The campaign, if the audience may vote in it now; otherwise the refusal. */
export async function audienceCampaign(
	db: Executor,
	campaignId: number,
	now = new Date()
): Promise<BallotDefinition> {
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition || definition.campaign.state === 'archived') throw new AudienceError('not_found');
	const refusal = audienceBallotRefusal(
		audienceSettings(definition.campaign.settings),
		isAcceptingBallots(definition.campaign, now)
	);
	if (refusal) throw new AudienceError(refusal);
	return definition;
}

/** The row of a token this campaign's audience page may use, or null. */
async function audienceToken(
	db: Executor,
	campaignId: number,
	token: string | null
): Promise<table.BallotCode | null> {
	const code = token ? normalizeBallotCode(token) : null;
	const row = code ? await findBallotCode(db, code) : null;
	return row && row.campaignId === campaignId && row.audience ? row : null;
}

export interface OpenRequest {
	campaignId: number;
	/** The token this device's cookie holds, if any. */
	token: string | null;
	address: string;
	limits: AudienceLimits;
	now?: Date;
}

export interface OpenedBallot {
	definition: BallotDefinition;
	token: string;
	/** True when this visit handed the device a new token (the caller sets the cookie). */
	minted: boolean;
}

/**
 * Opens the ballot for one device: refuses when audience voting is off or the campaign is not
 * taking ballots; refuses a device whose token is spent (it has voted); keeps a live token;
 * otherwise (no token, an expired one, a stranger's) mints a new one if the address is within
 * its limit.
 */
export async function openAudienceBallot(
	db: Database,
	request: OpenRequest
): Promise<OpenedBallot> {
	const now = request.now ?? new Date();
	const definition = await audienceCampaign(db, request.campaignId, now);
	const held = await audienceToken(db, request.campaignId, request.token);
	if (held?.usedAt) throw new AudienceError('already_voted');
	if (held && request.token && !(held.expiresAt && held.expiresAt <= now))
		return { definition, token: normalizeBallotCode(request.token) as string, minted: false };
	const taken = request.limits.tokens.take(request.address);
	if (!taken.allowed)
		throw new AudienceError('rate_limited', { retryAfterSeconds: taken.retryAfterSeconds });
	const token = await mintAudienceToken(db, request.campaignId);
	return { definition, token, minted: true };
}

export interface SendCheck {
	campaignId: number;
	/** The token this device's cookie holds, if any. */
	token: string | null;
	address: string;
	limits: AudienceLimits;
	now?: Date;
}

/**
 * Everything a ballot from the audience page must pass before its answers are read: the
 * address's limit, audience voting on and the campaign taking ballots, and an audience token of
 * this campaign. Returns the campaign's ballot definition (the form is read against it).
 */
export async function checkAudienceSend(
	db: Executor,
	request: SendCheck
): Promise<BallotDefinition> {
	const taken = request.limits.ballots.take(request.address);
	if (!taken.allowed)
		throw new AudienceError('rate_limited', { retryAfterSeconds: taken.retryAfterSeconds });
	const definition = await audienceCampaign(db, request.campaignId, request.now);
	if (!request.token) throw new AudienceError('no_token');
	if (!(await audienceToken(db, request.campaignId, request.token)))
		throw new AudienceError('token_invalid');
	return definition;
}

/**
 * Stores the ballot through `submitBallots` with the token as a one-time code: a retry with the
 * same key gets the same receipt, a second ballot from the token is refused as already voted.
 */
export async function submitAudienceBallot(
	db: Database,
	request: { campaignId: number; token: string; idempotencyKey: string; ballots: BallotInput[] }
): Promise<Receipt> {
	try {
		return await submitBallots(db, {
			campaignId: request.campaignId,
			idempotencyKey: request.idempotencyKey,
			rater: { kind: 'code', code: request.token },
			ballots: request.ballots
		});
	} catch (error) {
		if (!(error instanceof SubmitError)) throw error;
		throw audienceErrorOf(error);
	}
}

export interface SendRequest extends SendCheck {
	idempotencyKey: string;
	ballots: BallotInput[];
}

/** Both steps, for callers that hold the answers already (tests, a JSON client). */
export async function sendAudienceBallot(
	db: Database,
	request: SendRequest
): Promise<{ receipt: Receipt; definition: BallotDefinition }> {
	const definition = await checkAudienceSend(db, request);
	const receipt = await submitAudienceBallot(db, {
		campaignId: request.campaignId,
		token: request.token as string,
		idempotencyKey: request.idempotencyKey,
		ballots: request.ballots
	});
	return { receipt, definition };
}

/** A refusal of the submission core in the audience page's terms. */
function audienceErrorOf(error: SubmitError): AudienceError {
	switch (error.code) {
		case 'code_used':
		case 'already_voted':
			return new AudienceError('already_voted');
		case 'code_invalid':
		case 'code_expired':
			return new AudienceError('token_invalid');
		case 'campaign_closed':
			return new AudienceError('closed');
		case 'campaign_not_found':
			return new AudienceError('not_found');
		default:
			return new AudienceError('ballot', { submitError: error });
	}
}

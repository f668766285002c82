/**
 * The JSON ballot, independent of the HTTP layer that carries it. Two carriers call it with the
 * same answers: SvelteKit's endpoints (`/vote/[code]/ballot`, `/api/ballots/[campaignId]`), and
 * the lean node:http route that scripts/serve.js mounts in front of SvelteKit for the same paths
 * (node-route.ts, docs/adr/0002-lean-ballot-route.md). Origin, session, content type, body size,
 * throttle and submission are checked here, once, for both.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { parseBallotJson, type BallotJson } from '$lib/domain/campaign-json';
import { m } from '$lib/paraglide/messages';
import * as runtime from '$lib/paraglide/runtime';
import type { ListEntry } from '$lib/server/auth/session';
import type { AuthUser } from '$lib/server/auth/types';
import { maxBallotBodyBytes } from '$lib/server/campaigns/ballot-action';
import { countWrongCode } from '$lib/server/campaigns/code-throttle';
import { getOpenBallotDefinition } from '$lib/server/campaigns/definition';
import { SubmitError, type SubmitErrorCode } from '$lib/server/campaigns/errors';
import { describeProblems, submitErrorMessage } from '$lib/server/campaigns/messages';
import { submitBallots, type Rater } from '$lib/server/campaigns/submit';
import { lookUpCode } from '$lib/server/campaigns/submit-lookups';
import type { Database } from '$lib/server/db';
import type { BallotCode } from '$lib/server/db/schema';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';

/** Who votes: the card in the path (`/vote/<code>/ballot`) or the signed-in juror. */
export type BallotTarget = { kind: 'code'; code: string } | { kind: 'juror'; campaignId: string };

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too_large' };

export interface JsonBallotRequest {
	target: BallotTarget;
	/** Header values by lower-case name. */
	header(name: string): string | null;
	/** The app's own origin, as SvelteKit computes `url.origin` for this request. */
	appOrigin: string;
	clientAddress: string;
	/** Reads the whole body, refusing past `limit` bytes (after draining what it may). */
	readBody(limit: number): Promise<BodyRead>;
	/**
	 * The signed-in user of the session cookie, or null (only asked on the juror route). A carrier
	 * that reads the session itself also reads the user's entry on campaign `listOf`'s named list
	 * in the same statement; one that had the user already leaves `listEntry` out (then the
	 * submission looks it up).
	 */
	signedIn(listOf: number | null): Promise<{ user: AuthUser; listEntry?: ListEntry } | null>;
}

/** Refusals that are not a SubmitError: the request never reached the submission. */
export type GateCode =
	| 'cross_origin'
	| 'sign_in_required'
	| 'forbidden'
	| 'json_only'
	| 'too_many_tries'
	| 'unavailable';

export interface JsonBallotAnswer {
	status: number;
	body:
		| { receiptCode: string; repeated: boolean }
		| {
				code: SubmitErrorCode | GateCode;
				message: string;
				problems: { fieldId: string | null; text: string }[];
		  };
}

const gateStatus: Record<GateCode, number> = {
	cross_origin: 403,
	sign_in_required: 401,
	forbidden: 403,
	json_only: 415,
	too_many_tries: 429,
	unavailable: 503
};

const gateMessage: Record<GateCode, () => string> = {
	cross_origin: () => m.auth_error_cross_origin(),
	sign_in_required: () => m.auth_error_sign_in_required(),
	forbidden: () => m.ballot_error_jurors_only(),
	json_only: () => m.ballot_error_json_only(),
	too_many_tries: () => m.ballot_error_too_many_tries(),
	unavailable: () => m.error_database_unavailable()
};

function gate(code: GateCode): JsonBallotAnswer {
	return { status: gateStatus[code], body: { code, message: gateMessage[code](), problems: [] } };
}

/** `application/json`, any case, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
	if (!value) return false;
	return value.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/**
 * One JSON ballot, answered: 201 with the receipt, 200 with the same receipt for a retry, or a
 * 4xx `{ code, message, problems }` in the request's language, or 503 when the database cannot be
 * reached (send it again). Only an unexpected failure throws.
 */
export function answerJsonBallot(
	db: Database,
	request: JsonBallotRequest
): Promise<JsonBallotAnswer> {
	return inLocaleOf(request, () => answer(db, request));
}

async function answer(db: Database, request: JsonBallotRequest): Promise<JsonBallotAnswer> {
	// A browser always sends Origin on a cross-site POST: a missing or foreign one is refused
	// (the same rule as assertSameOrigin), before a cookie is even looked at.
	if (request.header('origin') !== request.appOrigin) return gate('cross_origin');
	let rater: Rater;
	let campaignId: number | null = null;
	const address = request.clientAddress;
	if (request.target.kind === 'juror') {
		campaignId = campaignIdOf(request.target.campaignId);
		const signedIn = await request.signedIn(campaignId);
		if (!signedIn) return gate('sign_in_required');
		if (signedIn.user.kind !== 'juror') return gate('forbidden');
		rater = { kind: 'user', userId: signedIn.user.id, listEntry: signedIn.listEntry };
	} else {
		// The card is looked up before any throttle: a right code is never refused for what the
		// address tried before (a hall shares one address); only unknown codes count, below.
		rater = { kind: 'code', code: request.target.code };
	}
	// JSON only: a form a foreign page could post without a preflight never gets this far.
	if (!isJsonContentType(request.header('content-type'))) return gate('json_only');
	try {
		const body = await readBallot(request);
		if (rater.kind === 'code') {
			rater.row = await cardOf(db, rater.code);
			campaignId = rater.row.campaignId;
		}
		if (campaignId === null) throw new SubmitError('campaign_not_found');
		const receipt = await submitBallots(db, {
			campaignId,
			idempotencyKey: body.idempotencyKey,
			rater,
			ballots: body.ballots
		});
		return { status: receipt.repeated ? 200 : 201, body: receipt };
	} catch (error) {
		// Nothing was stored: the client sends the same ballot (same key) again.
		if (isDatabaseUnavailable(error)) return gate('unavailable');
		if (!(error instanceof SubmitError)) throw error;
		if (error.code === 'code_invalid' && !countWrongCode(address).allowed)
			return gate('too_many_tries');
		const definition =
			error.problems.length && campaignId !== null
				? await getOpenBallotDefinition(db, campaignId)
				: null;
		const problems = definition
			? describeProblems(error.problems, definition.subjects, definition.questions)
			: [];
		return {
			status: error.status,
			body: { code: error.code, message: submitErrorMessage(error), problems }
		};
	}
}

async function readBallot(request: JsonBallotRequest): Promise<BallotJson> {
	const read = await request.readBody(maxBallotBodyBytes);
	if (!read.ok) throw new SubmitError('too_large');
	let parsed: unknown;
	try {
		parsed = JSON.parse(read.text);
	} catch {
		throw new SubmitError('malformed');
	}
	const body = parseBallotJson(parsed);
	if (!body) throw new SubmitError('malformed');
	return body;
}

/** Ids are int4, written in plain digits; anything else names no campaign. */
function campaignIdOf(segment: string): number | null {
	if (!/^[1-9]\d{0,9}$/.test(segment)) return null;
	const id = Number(segment);
	return id <= 2_147_483_647 ? id : null;
}

/** The card's row, read once for the request; submitBallots then checks the card itself in full. */
async function cardOf(db: Database, code: string): Promise<BallotCode> {
	const normalized = normalizeBallotCode(code);
	const row = normalized ? await lookUpCode(db, normalized) : undefined;
	if (!row) throw new SubmitError('code_invalid');
	return row;
}

/**
 * Runs `fn` with the request's language (Paraglide's cookie strategy, else zh-CN), so every
 * message it words is in that language, whichever carrier called. Inside SvelteKit the
 * language is already set the same way; setting it again changes nothing.
 */
function inLocaleOf<T>(request: JsonBallotRequest, fn: () => Promise<T>): Promise<T> {
	let storage = runtime.getServerAsyncLocalStorage();
	if (!storage) {
		storage = new AsyncLocalStorage() as NonNullable<typeof storage>;
		runtime.overwriteServerAsyncLocalStorage(storage);
	}
	const locale = runtime.extractLocaleFromRequest({
		url: `${request.appOrigin}/`,
		headers: { get: (name: string) => request.header(name.toLowerCase()) }
	} as unknown as Request);
	return storage.run({ locale, origin: request.appOrigin, messageCalls: new Set() }, fn);
}

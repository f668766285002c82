import { json } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { parseBallotJson } from '$lib/domain/campaign-json';
import { assertSameOrigin } from '$lib/server/auth/origin';
import { maxBallotBodyBytes, publicBallot } from '$lib/server/campaigns/ballot-action';
import { wrongCodes } from '$lib/server/campaigns/code-throttle';
import { findBallotCode, lookUpBallotCode } from '$lib/server/campaigns/codes';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { SubmitError } from '$lib/server/campaigns/errors';
import { describeProblems, submitErrorMessage } from '$lib/server/campaigns/messages';
import { submitBallots } from '$lib/server/campaigns/submit';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The ballot as JSON, for clients other than the form (and the same path a lean handler in
 * front of SvelteKit would take): 201 with the receipt, 200 with the same receipt for a retry,
 * or a 4xx with a code, a message in the request's language and the problems.
 */
/** What the card votes on: the campaign's subjects and frozen questions (for JSON clients). */
export const GET: RequestHandler = async (event) => {
	const address = event.getClientAddress();
	if (!wrongCodes.peek(address).allowed)
		return json(
			{ code: 'too_many_tries', message: m.ballot_error_too_many_tries() },
			{ status: 429 }
		);
	const db = getDatabase().db;
	const lookup = await lookUpBallotCode(db, normalizeBallotCode(event.params.code));
	if (!lookup.ok) {
		if (lookup.reason === 'code_invalid') wrongCodes.take(address);
		const refusal = new SubmitError(lookup.reason);
		return json(
			{ code: refusal.code, message: submitErrorMessage(refusal) },
			{ status: refusal.status }
		);
	}
	const definition = await getBallotDefinition(db, lookup.code.campaignId);
	if (!definition || !isAcceptingBallots(definition.campaign, new Date())) {
		const closed = new SubmitError('campaign_closed');
		return json({ code: closed.code, message: submitErrorMessage(closed) }, { status: 409 });
	}
	const { idempotencyKey: _unused, ...ballot } = publicBallot(definition);
	return json(ballot);
};

export const POST: RequestHandler = async (event) => {
	const { params, request } = event;
	assertSameOrigin(event);
	const address = event.getClientAddress();
	if (!wrongCodes.peek(address).allowed)
		return json(
			{ code: 'too_many_tries', message: m.ballot_error_too_many_tries() },
			{ status: 429 }
		);
	const db = getDatabase().db;
	try {
		const body = await readJson(request);
		const receipt = await submitBallots(db, {
			campaignId: await campaignOfCode(params.code),
			idempotencyKey: body.idempotencyKey,
			rater: { kind: 'code', code: params.code },
			ballots: body.ballots
		});
		return json(receipt, { status: receipt.repeated ? 200 : 201 });
	} catch (error) {
		if (!(error instanceof SubmitError)) throw error;
		if (error.code === 'code_invalid') wrongCodes.take(address);
		const definition = error.problems.length
			? await getBallotDefinition(db, await campaignOfCode(params.code))
			: null;
		const problems = definition
			? describeProblems(error.problems, definition.subjects, definition.questions)
			: [];
		return json(
			{ code: error.code, message: submitErrorMessage(error), problems },
			{ status: error.status }
		);
	}
};

async function readJson(request: Request) {
	// Read it all (the server caps bodies at BODY_SIZE_LIMIT) and then judge: answering before the
	// body is read makes the connection reset under the sender instead of giving it the 413.
	const text = await request.text();
	if (new TextEncoder().encode(text).length > maxBallotBodyBytes)
		throw new SubmitError('too_large');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new SubmitError('malformed');
	}
	const body = parseBallotJson(parsed);
	if (!body) throw new SubmitError('malformed');
	return body;
}

/** The campaign a card belongs to; submitBallots then checks the card itself in full. */
async function campaignOfCode(code: string): Promise<number> {
	const normalized = normalizeBallotCode(code);
	const row = normalized ? await findBallotCode(getDatabase().db, normalized) : null;
	if (!row) throw new SubmitError('code_invalid');
	return row.campaignId;
}

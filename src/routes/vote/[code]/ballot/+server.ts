import { json } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { publicBallot } from '$lib/server/campaigns/ballot-action';
import { countWrongCode } from '$lib/server/campaigns/code-throttle';
import { lookUpBallotCode } from '$lib/server/campaigns/codes';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { SubmitError } from '$lib/server/campaigns/errors';
import { submitErrorMessage } from '$lib/server/campaigns/messages';
import { getDatabase } from '$lib/server/db';
import { sveltekitJsonBallot } from '$lib/server/lean/sveltekit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The ballot as JSON, for clients other than the form: GET the definition, POST the ballot (201
 * with the receipt, 200 with the same receipt for a retry, or a 4xx with a code, a message in
 * the request's language and the problems; ballot-json.ts, shared with the lean route).
 */
/** What the card votes on: the campaign's subjects and frozen questions (for JSON clients). */
export const GET: RequestHandler = async (event) => {
	const db = getDatabase().db;
	// Looked up first: a card that exists is never throttled; only unknown codes count.
	const lookup = await lookUpBallotCode(db, normalizeBallotCode(event.params.code));
	if (!lookup.ok) {
		const tries =
			lookup.reason === 'code_invalid' ? countWrongCode(event.getClientAddress()) : null;
		if (tries && !tries.allowed)
			return json(
				{ code: 'too_many_tries', message: m.ballot_error_too_many_tries() },
				{ status: 429, headers: { 'retry-after': String(tries.retryAfterSeconds) } }
			);
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

/** Behind scripts/serve.js the lean route answers this POST first (same code, same answers). */
export const POST: RequestHandler = (event) =>
	sveltekitJsonBallot(event, { kind: 'code', code: event.params.code });

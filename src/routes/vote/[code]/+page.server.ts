import { error } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { publicBallot, submitBallotForm } from '$lib/server/campaigns/ballot-action';
import { countWrongCode } from '$lib/server/campaigns/code-throttle';
import { findBallotCode, lookUpBallotCode } from '$lib/server/campaigns/codes';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { SubmitError } from '$lib/server/campaigns/errors';
import { submitErrorMessage } from '$lib/server/campaigns/messages';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Voters get the server's HTML and one small script (/ballot.js, src/lib/ballot/voter-script.ts), not Svelte's client: the
 * ballot form page stays under its 30 KB JavaScript budget (docs/CAMPAIGNS.md, "The ballot form").
 */
export const csr = false;

type CardEvent = Pick<RequestEvent, 'params' | 'getClientAddress' | 'setHeaders'>;

/**
 * The card's campaign. The code is looked up first: a card that exists is never throttled, and
 * only a code naming no card counts against the address (code-throttle.ts).
 *
 * `sending`: any card that exists (spent or expired too) and its campaign in any state reach
 * submitBallots, which answers a resend of a stored ballot (same idempotency key) with its
 * receipt whatever changed since, and refuses any other ballot with the card's or the
 * campaign's reason.
 */
async function openBallotFor(event: CardEvent, sending = false) {
	const code = normalizeBallotCode(event.params.code);
	const db = getDatabase().db;
	const lookup = await lookUpBallotCode(db, code);
	if (!lookup.ok && lookup.reason === 'code_invalid') refuseUnknownCode(event);
	let campaignId: number | null = lookup.ok ? lookup.code.campaignId : null;
	if (!lookup.ok) {
		if (!sending || !code) refuse(new SubmitError(lookup.reason));
		campaignId = (await findBallotCode(db, code))?.campaignId ?? null;
	}
	const definition = campaignId === null ? null : await getBallotDefinition(db, campaignId);
	if (!definition || (!sending && !isAcceptingBallots(definition.campaign, new Date())))
		error(409, { message: m.ballot_error_closed() });
	return { definition, code: code as string };
}

function refuseUnknownCode(event: CardEvent): never {
	const tries = countWrongCode(event.getClientAddress());
	if (!tries.allowed) {
		event.setHeaders({ 'retry-after': String(tries.retryAfterSeconds) });
		error(429, { message: m.ballot_error_too_many_tries() });
	}
	refuse(new SubmitError('code_invalid'));
}

function refuse(refusal: SubmitError): never {
	error(refusal.status, { message: submitErrorMessage(refusal) });
}

export const load = (async (event) => {
	// A spent card must not come back from the browser's cache (the back button after sending).
	event.setHeaders({ 'cache-control': 'no-store' });
	const { definition, code } = await openBallotFor(event);
	return { ...publicBallot(definition), code };
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const { definition, code } = await openBallotFor(event, true);
		return submitBallotForm(event.request, definition, { kind: 'code', code }, '/vote/done');
	}
} satisfies Actions;

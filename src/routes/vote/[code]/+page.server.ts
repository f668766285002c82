import { error } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { publicBallot, submitBallotForm } from '$lib/server/campaigns/ballot-action';
import { wrongCodes } from '$lib/server/campaigns/code-throttle';
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

/**
 * The card's campaign, open for ballots. `sending`: a spent card still reaches submitBallots,
 * which answers a resend after a lost answer (same idempotency key) with its receipt and refuses
 * any other ballot from the card as used.
 */
async function openBallotFor(
	event: Pick<RequestEvent, 'params' | 'getClientAddress'>,
	sending = false
) {
	const address = event.getClientAddress();
	if (!wrongCodes.peek(address).allowed) error(429, { message: m.ballot_error_too_many_tries() });
	const code = normalizeBallotCode(event.params.code);
	const db = getDatabase().db;
	const lookup = await lookUpBallotCode(db, code);
	const spent =
		sending && !lookup.ok && lookup.reason === 'code_used' && code
			? await findBallotCode(db, code)
			: null;
	if (!lookup.ok && !spent) {
		wrongCodes.take(address);
		const refusal = new SubmitError(lookup.reason);
		error(refusal.status, { message: submitErrorMessage(refusal) });
	}
	const campaignId = lookup.ok ? lookup.code.campaignId : (spent?.campaignId ?? 0);
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition || !isAcceptingBallots(definition.campaign, new Date()))
		error(409, { message: m.ballot_error_closed() });
	return { definition, code: code as string };
}

export const load = (async (event) => {
	const { definition, code } = await openBallotFor(event);
	return { ...publicBallot(definition), code };
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const { definition, code } = await openBallotFor(event, true);
		return submitBallotForm(event.request, definition, { kind: 'code', code }, '/vote/done');
	}
} satisfies Actions;

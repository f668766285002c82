import { error, redirect } from '@sveltejs/kit';
import { publicBallot, submitBallotForm } from '$lib/server/campaigns/ballot-action';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { hasVoted, isInElectorate } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseRowId } from '$lib/server/db/ids';

/**
 * Voters get the server's HTML and one small script (/ballot.js, src/lib/ballot/voter-script.ts), not Svelte's client: the
 * ballot form page stays under its 30 KB JavaScript budget (docs/CAMPAIGNS.md, "The ballot form").
 */
export const csr = false;

/**
 * The juror's campaign. `sending`: a campaign in any state reaches submitBallots, which answers a
 * resend of a stored ballot (same idempotency key) with its receipt whatever changed since (the
 * campaign closed meanwhile) and refuses a new ballot to a closed campaign itself.
 */
async function openBallotFor(
	{ locals, params }: Pick<RequestEvent, 'locals' | 'params'>,
	sending = false
) {
	const user = locals.user;
	if (!user || user.kind !== 'juror') error(403, { message: m.ballot_error_jurors_only() });
	const campaignId = parseRowId(params.campaignId);
	const db = getDatabase().db;
	const definition = campaignId === null ? null : await getBallotDefinition(db, campaignId);
	if (!definition || campaignId === null || !(await isInElectorate(db, campaignId, user.id)))
		error(404, { message: m.ballot_error_not_found() });
	if (!sending && !isAcceptingBallots(definition.campaign, new Date()))
		error(409, { message: m.ballot_error_closed() });
	return { definition, userId: user.id };
}

export const load = (async (event) => {
	// After sending, the back button must ask the server again (which sends the juror to the list)
	// rather than show the empty form from the browser's cache.
	event.setHeaders({ 'cache-control': 'no-store' });
	const { definition, userId } = await openBallotFor(event);
	if (await hasVoted(getDatabase().db, definition.campaign.id, userId)) redirect(303, '/ballot');
	return { ...publicBallot(definition), userId };
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const { definition, userId } = await openBallotFor(event, true);
		return submitBallotForm(event.request, definition, { kind: 'user', userId }, '/ballot/done');
	}
} satisfies Actions;

import { error, redirect } from '@sveltejs/kit';
import { publicBallot, recusalView, submitBallotForm } from '$lib/server/campaigns/ballot-action';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { getListEntry, hasVoted } from '$lib/server/campaigns/queries';
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
	const [definition, listEntry] =
		campaignId === null
			? [null, null]
			: await Promise.all([
					getBallotDefinition(db, campaignId),
					getListEntry(db, campaignId, user.id)
				]);
	if (!definition || !listEntry) error(404, { message: m.ballot_error_not_found() });
	if (!sending && !isAcceptingBallots(definition.campaign, new Date()))
		error(409, { message: m.ballot_error_closed() });
	return { definition, listEntry, userId: user.id };
}

export const load = (async (event) => {
	// After sending, the back button must ask the server again (which sends the juror to the list)
	// rather than show the empty form from the browser's cache.
	event.setHeaders({ 'cache-control': 'no-store' });
	const { definition, listEntry, userId } = await openBallotFor(event);
	if (await hasVoted(getDatabase().db, definition.campaign.id, userId)) redirect(303, '/ballot');
	// Recusal (回避): the juror sees only the subjects they may rate, and is told which are left out.
	const view = recusalView(definition, listEntry.recused);
	return {
		...publicBallot(view.definition),
		recusedNames: view.recusedNames,
		nothingToRate: view.nothingToRate,
		userId
	};
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const { definition, listEntry, userId } = await openBallotFor(event, true);
		return submitBallotForm(
			event.request,
			definition,
			{ kind: 'user', userId, listEntry },
			'/ballot/done',
			listEntry.recused
		);
	}
} satisfies Actions;

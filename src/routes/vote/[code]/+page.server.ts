import { error } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { publicBallot, submitBallotForm } from '$lib/server/campaigns/ballot-action';
import { wrongCodes } from '$lib/server/campaigns/code-throttle';
import { lookUpBallotCode } from '$lib/server/campaigns/codes';
import { getBallotDefinition, isAcceptingBallots } from '$lib/server/campaigns/definition';
import { SubmitError } from '$lib/server/campaigns/errors';
import { submitErrorMessage } from '$lib/server/campaigns/messages';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function openBallotFor(event: Pick<RequestEvent, 'params' | 'getClientAddress'>) {
	const address = event.getClientAddress();
	if (!wrongCodes.peek(address).allowed) error(429, { message: m.ballot_error_too_many_tries() });
	const code = normalizeBallotCode(event.params.code);
	const db = getDatabase().db;
	const lookup = await lookUpBallotCode(db, code);
	if (!lookup.ok) {
		wrongCodes.take(address);
		const refusal = new SubmitError(lookup.reason);
		error(refusal.status, { message: submitErrorMessage(refusal) });
	}
	const definition = await getBallotDefinition(db, lookup.code.campaignId);
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
		const { definition, code } = await openBallotFor(event);
		return submitBallotForm(event.request, definition, { kind: 'code', code }, '/vote/done');
	}
} satisfies Actions;

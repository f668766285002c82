import { organizerScope } from '$lib/server/campaigns/access';
import { listCampaigns } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** Campaigns a televised review can run on: voting now, or closed and waiting to be revealed. */
const live = new Set(['draft', 'open', 'closed']);

export const load = (async ({ locals }) => {
	const scope = await organizerScope(locals.user);
	const campaigns = await listCampaigns(getDatabase().db, scope);
	return {
		campaigns: campaigns
			.filter((c) => live.has(c.state))
			.map(({ id, title, state, ballots }) => ({ id, title, state, ballots }))
	};
}) satisfies PageServerLoad;

import { organizerScope } from '$lib/server/campaigns/access';
import { listCampaigns } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const scope = await organizerScope(locals.user);
	return { campaigns: await listCampaigns(getDatabase().db, scope) };
}) satisfies PageServerLoad;

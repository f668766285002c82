import { listCampaigns } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	return { campaigns: await listCampaigns(getDatabase().db) };
}) satisfies PageServerLoad;

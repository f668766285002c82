import { getDatabase } from '$lib/server/db';
import { listResultCampaigns } from '$lib/server/results/queries';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	return { campaigns: await listResultCampaigns(getDatabase().db) };
}) satisfies PageServerLoad;

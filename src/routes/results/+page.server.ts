import { getDatabase } from '$lib/server/db';
import { listResultCampaigns } from '$lib/server/results/queries';
import { readScope } from '$lib/server/results/scope';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const db = getDatabase().db;
	const scope = await readScope(db, locals.user);
	const [campaigns, pending] = await Promise.all([
		listResultCampaigns(db, scope),
		listResultCampaigns(db, scope, ['draft', 'open'])
	]);
	return { campaigns, pending };
}) satisfies PageServerLoad;

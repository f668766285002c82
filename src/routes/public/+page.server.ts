import { campaignKinds } from '$lib/domain/campaign-scale';
import { getDatabase } from '$lib/server/db';
import { listPublishedResults, parsePublicListQuery } from '$lib/server/results/public-list';
import type { PageServerLoad } from './$types';

/** The public index of published results and ranking rounds; no sign-in. */
export const load = (async ({ url }) => {
	const query = parsePublicListQuery(url.searchParams, campaignKinds);
	return { query, index: await listPublishedResults(getDatabase().db, query) };
}) satisfies PageServerLoad;

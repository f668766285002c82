import { getDatabase } from '$lib/server/db';
import { hasAny, listRegions } from '$lib/server/reference/queries';
import { parseRegionListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const db = getDatabase().db;
	const query = parseRegionListQuery(url.searchParams);
	const list = await listRegions(db, query);
	// An empty page says either "nothing matches" or "nothing stored yet"; only it needs the count.
	const anyStored = list.total > 0 || (await hasAny(db, 'region'));
	return { query, list, anyStored };
}) satisfies PageServerLoad;

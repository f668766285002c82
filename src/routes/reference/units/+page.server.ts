import { getDatabase } from '$lib/server/db';
import { hasAny, listUnits } from '$lib/server/reference/queries';
import { parseUnitListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const db = getDatabase().db;
	const query = parseUnitListQuery(url.searchParams);
	const list = await listUnits(db, query);
	// An empty page says either "nothing matches" or "nothing stored yet"; only it needs the count.
	const anyStored = list.total > 0 || (await hasAny(db, 'unit'));
	return { query, list, anyStored };
}) satisfies PageServerLoad;

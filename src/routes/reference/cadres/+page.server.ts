import { getDatabase } from '$lib/server/db';
import { hasAny, listCadres } from '$lib/server/reference/queries';
import { parseCadreListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const db = getDatabase().db;
	const query = parseCadreListQuery(url.searchParams);
	const list = await listCadres(db, query);
	// An empty page says either "nothing matches" or "nothing stored yet"; only it needs the count.
	const anyStored = list.total > 0 || (await hasAny(db, 'cadre'));
	return { query, list, anyStored };
}) satisfies PageServerLoad;

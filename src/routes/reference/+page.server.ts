import { getDatabase } from '$lib/server/db';
import { countReference } from '$lib/server/reference/queries';
import { readScope } from '$lib/server/reference/scope';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const db = getDatabase().db;
	return { counts: await countReference(db, await readScope(db, locals.user)) };
}) satisfies PageServerLoad;

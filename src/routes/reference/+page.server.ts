import { getDatabase } from '$lib/server/db';
import { countReference } from '$lib/server/reference/queries';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	return { counts: await countReference(getDatabase().db) };
}) satisfies PageServerLoad;

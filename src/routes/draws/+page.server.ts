import { getDatabase } from '$lib/server/db';
import { listDraws } from '$lib/server/jury/draw-queries';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const draws = await listDraws(getDatabase().db);
	return { draws };
}) satisfies PageServerLoad;

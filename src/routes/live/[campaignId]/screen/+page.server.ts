import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getPublicSnapshot } from '$lib/server/live/public';
import type { PageServerLoad } from './$types';

/** The TV picture is public; it starts from the current snapshot and then follows the feed. */
export const load = (async ({ params, setHeaders }) => {
	const snapshot = await getPublicSnapshot(params.campaignId);
	if (!snapshot) error(404, { message: m.live_error_not_found() });
	setHeaders({ 'cache-control': 'no-store' });
	return { snapshot };
}) satisfies PageServerLoad;

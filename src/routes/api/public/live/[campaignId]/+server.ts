import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getPublicSnapshot } from '$lib/server/live/public';
import type { RequestHandler } from './$types';

/** The same snapshot as the screen and the SSE feed, for broadcasters' graphics systems. */
export const GET: RequestHandler = async ({ params }) => {
	const snapshot = await getPublicSnapshot(params.campaignId);
	if (!snapshot) error(404, { message: m.live_error_not_found() });
	return json(snapshot, {
		headers: {
			'cache-control': 'no-store',
			'access-control-allow-origin': '*',
			etag: `"${snapshot.sequence}"`
		}
	});
};

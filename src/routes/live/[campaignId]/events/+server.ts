import { error } from '@sveltejs/kit';
import { needsSnapshot } from '$lib/domain/live-throttle';
import { m } from '$lib/paraglide/messages';
import { getLiveHub } from '$lib/server/live';
import { eventStreamHeaders, openEventStream } from '$lib/server/live/stream';
import { getPublicSnapshot } from '$lib/server/live/public';
import type { RequestHandler } from './$types';

/**
 * The live feed: `text/event-stream`, one `snapshot` event per change (id = sequence), heartbeat
 * comments every 15 s. A reconnecting client sends Last-Event-ID and gets the current snapshot
 * unless it already has it. Documented in docs/LIVE.md. Behind scripts/serve.js the lean route
 * answers this path itself (lean/live-feed.ts, the same messages); this one serves `vite dev`.
 */
export const GET: RequestHandler = async ({ params, request }) => {
	const snapshot = await getPublicSnapshot(params.campaignId);
	if (!snapshot) error(404, { message: m.live_error_not_found() });
	const lastEventId =
		request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
	const stream = openEventStream({
		hub: getLiveHub(),
		campaignId: snapshot.campaignId,
		initial: needsSnapshot(lastEventId, snapshot.sequence) ? snapshot : null,
		signal: request.signal
	});
	return new Response(stream, { headers: eventStreamHeaders });
};

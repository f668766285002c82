/**
 * The live feed (`GET /live/<campaign>/events`) answered straight from node:http, like the ballot
 * route (ADR 0002): a televised review keeps a thousand viewers on this path, and each push
 * through SvelteKit's web stream cost the event loop ~0.2 ms per viewer — the delay that held a
 * second instance's NOTIFY back (docs/LIVE.md). Same messages, same rules as the SvelteKit
 * endpoint (`src/routes/live/[campaignId]/events/+server.ts`), which serves `vite dev`; a campaign
 * with nothing public to show is handed to SvelteKit, which words the 404 page in the viewer's
 * language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { needsSnapshot } from '$lib/domain/live-throttle';
import { getLiveHub } from '$lib/server/live';
import { getPublicSnapshot } from '$lib/server/live/public';
import { writeEventStream } from '$lib/server/live/stream';

/** The campaign segment of `GET /live/<campaign>/events`, or null for any other request. */
export function matchLiveFeed(method: string | undefined, url: string | undefined): string | null {
	if (method !== 'GET' || !url) return null;
	return /^\/live\/([^/?]+)\/events(?:\?|$)/.exec(url)?.[1] ?? null;
}

export async function serveLiveFeed(
	req: IncomingMessage,
	res: ServerResponse,
	campaign: string,
	toSvelteKit: () => void
): Promise<void> {
	const snapshot = await getPublicSnapshot(campaign);
	if (!snapshot) return toSvelteKit();
	const header = req.headers['last-event-id'];
	const lastEventId =
		(Array.isArray(header) ? header[0] : header) ??
		new URL(req.url ?? '/', 'http://feed').searchParams.get('lastEventId');
	if (req.destroyed) return;
	writeEventStream(res, {
		hub: getLiveHub(),
		campaignId: snapshot.campaignId,
		initial: needsSnapshot(lastEventId, snapshot.sequence) ? snapshot : null
	});
}

/**
 * What the public endpoints may serve: the screen, the SSE feed and the JSON feed show a campaign
 * once it is open (or while a draft is rehearsed), and never an archived one.
 */
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import { getLiveHub } from './index';
import { isPublic } from './stream';

export function parseCampaignId(param: string): number | null {
	const id = Number(param);
	// Ids are int4: a larger number would make PostgreSQL fail the query (a 500).
	return /^\d{1,10}$/.test(param) && id > 0 && id <= 2_147_483_647 ? id : null;
}

/** The campaign's public snapshot, or null when there is none to show. */
export async function getPublicSnapshot(param: string): Promise<LiveSnapshot | null> {
	const id = parseCampaignId(param);
	if (id === null) return null;
	const snapshot = await getLiveHub().getSnapshot(id);
	return snapshot && isPublic(snapshot) ? snapshot : null;
}

/**
 * What the public endpoints may serve: the screen, the SSE feed and the JSON feed show a campaign
 * once it is open (or while a draft is rehearsed), and never an archived one.
 */
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import { parseRowId } from '$lib/server/db/ids';
import { getLiveHub } from './index';
import { isPublic } from './stream';

export const parseCampaignId = parseRowId;

/** The campaign's public snapshot, or null when there is none to show. */
export async function getPublicSnapshot(param: string): Promise<LiveSnapshot | null> {
	const id = parseCampaignId(param);
	if (id === null) return null;
	const snapshot = await getLiveHub().getSnapshot(id);
	return snapshot && isPublic(snapshot) ? snapshot : null;
}

import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { groupCsv } from '$lib/server/results/export';
import { publishedGroupOfCampaign, type GroupSnapshot } from '$lib/server/results/groups';
import { frozenSnapshotResponse } from '$lib/server/results/public-response';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The combined ranking of the ranking group a campaign belongs to (docs/RESULTS.md), once the
 * group is published, as JSON (the frozen text) or CSV. 404 while the campaign is in no group or
 * the group is not published.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const id = parseRowId(params.id);
	const published = id === null ? null : await publishedGroupOfCampaign(getDatabase().db, id);
	if (!published) error(404, { message: m.results_group_error_not_found() });
	return frozenSnapshotResponse(published, url.searchParams.get('format'), {
		text: () => groupCsv(JSON.parse(published.snapshot) as GroupSnapshot),
		filename: `ranking-group-${published.groupId}.csv`
	});
};

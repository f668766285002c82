import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { groupCsv } from '$lib/server/results/export';
import { publishedGroupOfCampaign, type GroupSnapshot } from '$lib/server/results/groups';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The combined ranking of the ranking group a campaign belongs to (docs/RESULTS.md), once the
 * group is published: JSON is the frozen text byte for byte (its SHA-256 is the header's and the
 * audit chain's), or CSV. 404 while the campaign is in no group or the group is not published.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const id = parseRowId(params.id);
	const published = id === null ? null : await publishedGroupOfCampaign(getDatabase().db, id);
	if (!published) error(404, { message: m.results_group_error_not_found() });
	const headers = {
		'x-results-sha256': published.sha256,
		'last-modified': published.publishedAt.toUTCString(),
		'cache-control': 'public, max-age=60',
		'access-control-allow-origin': '*'
	};
	const format = url.searchParams.get('format') ?? 'json';
	if (format === 'csv')
		return new Response(groupCsv(JSON.parse(published.snapshot) as GroupSnapshot), {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="ranking-group-${published.groupId}.csv"`
			}
		});
	if (format !== 'json') error(400, { message: m.results_error_format() });
	return new Response(published.snapshot, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};

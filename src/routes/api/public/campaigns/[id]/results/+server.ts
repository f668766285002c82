import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { reportCsv } from '$lib/server/results/export';
import { getPublishedResult } from '$lib/server/results/queries';
import { parsePublished } from '$lib/server/results/snapshot';
import { buildReport } from '$lib/server/results/view';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * Published results for media and TV graphics systems (docs/RESULTS.md). JSON is the frozen
 * snapshot byte for byte, so its SHA-256 equals the X-Results-SHA256 header and the audit chain's.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const id = parseRowId(params.id);
	const published = id === null ? null : await getPublishedResult(getDatabase().db, id);
	if (!published) error(404, { message: m.results_error_not_found() });
	const headers = {
		'x-results-sha256': published.sha256,
		'last-modified': published.publishedAt.toUTCString(),
		'cache-control': 'public, max-age=60',
		'access-control-allow-origin': '*'
	};
	const format = url.searchParams.get('format') ?? 'json';
	if (format === 'csv')
		return new Response(reportCsv(buildReport(parsePublished(published.snapshot))), {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="results-${id}.csv"`
			}
		});
	if (format !== 'json') error(400, { message: m.results_error_format() });
	return new Response(published.snapshot, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};

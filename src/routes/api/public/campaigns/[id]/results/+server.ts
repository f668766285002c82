import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { reportCsv } from '$lib/server/results/export';
import { frozenSnapshotResponse } from '$lib/server/results/public-response';
import { getPublishedResult } from '$lib/server/results/queries';
import { parsePublished } from '$lib/server/results/snapshot';
import { buildReport } from '$lib/server/results/view';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** Published results for media and TV graphics systems (docs/RESULTS.md), as JSON or CSV. */
export const GET: RequestHandler = async ({ params, url }) => {
	const id = parseRowId(params.id);
	const published = id === null ? null : await getPublishedResult(getDatabase().db, id);
	if (!published) error(404, { message: m.results_error_not_found() });
	return frozenSnapshotResponse(published, url.searchParams.get('format'), {
		text: () => reportCsv(buildReport(parsePublished(published.snapshot))),
		filename: `results-${id}.csv`
	});
};

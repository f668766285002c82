import { getDatabase } from '$lib/server/db';
import { etagOf, noneMatch } from '$lib/server/http/etag';
import { loadDashboard } from '$lib/server/trends/dashboard';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * `/api/trends/series?indicator=…&region=…&level=…&from=…&to=…`: the dashboard's data as JSON,
 * for the same filters and the same leader scope as /trends (both call loadDashboard, which reads
 * only the rollup tables). The hooks guard has checked the leader rule already.
 *
 * A graphics system that polls it sends the last ETag in If-None-Match and gets 304 with no body
 * while the answer is the same. The tag is the body's hash, so it holds across instances and
 * whatever changed underneath. Not stored by browsers (no-store: a leader's figures stay off a
 * shared computer's disk).
 */
export const GET: RequestHandler = async ({ locals, url, request }) => {
	const dashboard = await loadDashboard(getDatabase().db, locals.user, url.searchParams, {
		locale: getLocale(),
		averageLabel: (name) => m.trends_average_of({ name })
	});
	const { data, filters, unitScores } = dashboard;
	const body = JSON.stringify({ filters, ...data, unitScores });
	const etag = etagOf(body);
	const headers = { 'cache-control': 'private, no-store', etag, vary: 'cookie' };
	if (noneMatch(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers: { ...headers, 'content-type': 'application/json' } });
};

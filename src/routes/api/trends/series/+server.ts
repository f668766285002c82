import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { loadDashboard } from '$lib/server/trends/dashboard';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * `/api/trends/series?indicator=…&region=…&level=…&from=…&to=…`: the dashboard's data as JSON,
 * for the same filters and the same leader scope as /trends (both call loadDashboard, which reads
 * only the rollup tables). The hooks guard has checked the leader rule already.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const dashboard = await loadDashboard(getDatabase().db, locals.user, url.searchParams, {
		locale: getLocale(),
		averageLabel: (name) => m.trends_average_of({ name })
	});
	const { data, filters, unitScores } = dashboard;
	return json(
		{ filters, ...data, unitScores },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};

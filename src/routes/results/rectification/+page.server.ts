import { rectificationStatus } from '$lib/server/db/schema';
import { getDatabase } from '$lib/server/db';
import { listRectifications, overdueByQuarter } from '$lib/server/results/rectification-queries';
import { readScope } from '$lib/server/results/scope';
import type { PageServerLoad } from './$types';

type Status = (typeof rectificationStatus.enumValues)[number];

export const load = (async ({ url, locals }) => {
	const statusParam = url.searchParams.get('status') ?? '';
	const status = (rectificationStatus.enumValues as readonly string[]).includes(statusParam)
		? (statusParam as Status)
		: undefined;
	const overdueOnly = url.searchParams.get('overdue') === '1';
	const quarterParam = url.searchParams.get('quarter') ?? '';
	const quarter = /^\d{4}-Q[1-4]$/.test(quarterParam) ? quarterParam : undefined;
	const db = getDatabase().db;
	const scope = await readScope(db, locals.user);
	const [items, all] = await Promise.all([
		listRectifications(db, { status, overdueOnly, quarter, scope }),
		listRectifications(db, { overdueOnly: true, scope })
	]);
	return {
		items,
		overdue: overdueByQuarter(all).map((g) => ({ quarter: g.quarter, count: g.items.length })),
		filter: { status: status ?? '', overdueOnly, quarter: quarter ?? '' }
	};
}) satisfies PageServerLoad;

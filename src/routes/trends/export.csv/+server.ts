import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { loadDashboard } from '$lib/server/trends/dashboard';
import {
	campaignIdsOf,
	exportRows,
	exportTables,
	toCsv,
	type ExportTable
} from '$lib/server/trends/export';
import { listCampaignTitles } from '$lib/server/trends/sources';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** `/trends/export.csv?<same filters as the page>&table=values|ranks|averages|changes|units`. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const which = url.searchParams.get('table') ?? 'values';
	if (!(exportTables as readonly string[]).includes(which)) error(400, m.trends_export_bad_table());
	const { db } = getDatabase();
	const dashboard = await loadDashboard(db, locals.user, url.searchParams, {
		locale: getLocale(),
		averageLabel: (name) => m.trends_average_of({ name })
	});
	const withSources = which === 'values' || which === 'ranks';
	const campaignTitles = withSources
		? await listCampaignTitles(db, campaignIdsOf(dashboard.data.points))
		: new Map<number, string>();
	const words = {
		file: (file: string) => m.trends_source_file({ file }),
		unrecorded: m.trends_source_unrecorded_value(),
		campaign: (id: number, title: string | undefined) =>
			title === undefined
				? m.trends_source_campaign({ id })
				: m.trends_source_campaign_titled({ id, title })
	};
	const table = exportRows(
		dashboard,
		which as ExportTable,
		{
			code: m.trends_col_code(),
			region: m.trends_col_region(),
			year: m.trends_col_year(),
			value: m.trends_col_value(),
			rank: m.trends_col_rank(),
			peers: m.trends_col_peers(),
			source: m.trends_col_source(),
			origin: m.trends_col_origin(),
			count: m.trends_col_count(),
			change: m.trends_change(),
			unit: m.trends_col_unit(),
			period: m.trends_col_period(),
			campaign: m.trends_col_campaign()
		},
		{ words, campaignTitles }
	);
	if (!table) error(400, m.trends_export_no_units());
	const { indicator } = dashboard.data;
	const name = `trends-${indicator.key}-${which}-${dashboard.filters.fromYear}-${dashboard.filters.toYear}.csv`;
	return new Response(toCsv(table.headers, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};

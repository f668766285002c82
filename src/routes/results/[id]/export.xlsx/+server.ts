import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { reportXlsx } from '$lib/server/results/export';
import { campaignInScope } from '$lib/server/results/guard';
import { ruleName } from '$lib/server/results/messages';
import { listOutcomes } from '$lib/server/results/outcomes';
import { getStaffResults } from '$lib/server/results/queries';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The staff XLSX: results (one row per item), rankings, and outcomes with their review status. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = parseRowId(params.id);
	const db = getDatabase().db;
	// Outside the reader's regions the export is not found, as the page is.
	if (id !== null) await campaignInScope(locals.user, params.id);
	const results = id === null ? null : await getStaffResults(db, id);
	if (!results || id === null) error(404, { message: m.results_error_not_found() });
	const outcomes = await listOutcomes(db, id);
	const rows = [
		['rule', 'subject', 'status', 'reason', 'numbers'],
		...outcomes.map((o) => [
			ruleName(o.ruleId),
			o.subjectLabel,
			o.status,
			o.reason,
			JSON.stringify(o.numbers)
		])
	];
	const body = await reportXlsx(results.report, rows);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="results-${id}.xlsx"`
		}
	});
};

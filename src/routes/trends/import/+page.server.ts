import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { auditActor } from '$lib/server/auth/actor';
import { regionScope } from '$lib/server/auth/region-scope';
import { hasRole } from '$lib/server/auth/route-rules';
import type { AuthUser } from '$lib/server/auth/types';
import { readSpreadsheet, SpreadsheetError } from '$lib/server/reference/spreadsheet';
import { confirmImport, discardImport, previewImport } from '$lib/server/trends/import';
import { getImportBatch } from '$lib/server/trends/batches';
import { listIndicators } from '$lib/server/trends/indicators';
import { describeImportIssue } from '$lib/server/trends/messages';
import { parseBatchId, parseTrendUpload } from '$lib/server/trends/upload';
import { importColumns } from '$lib/server/trends/validate';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const PREVIEW_ROWS = 200;

/** Importing writes official figures: organizers (and admins) only, whatever the route table says. */
function requireImporter(user: AuthUser | null): AuthUser | null {
	if (user && !hasRole(user, ['organizer'])) error(403, m.trends_import_forbidden());
	return user;
}

export const load = (async ({ locals, url }) => {
	requireImporter(locals.user);
	const db = getDatabase().db;
	const confirmedId = parseBatchId(url.searchParams.get('confirmed'));
	const [indicators, confirmed] = await Promise.all([
		listIndicators(db),
		confirmedId === null ? null : getImportBatch(db, confirmedId)
	]);
	const english = getLocale() === 'en';
	return {
		columns: importColumns.map((c) => ({ zh: c.zh, en: c.key, required: c.required })),
		indicators: indicators.map((i) => ({ key: i.key, name: english ? i.nameEn : i.nameZh })),
		confirmed: confirmed?.status === 'confirmed' ? confirmed : null
	};
}) satisfies PageServerLoad;

export const actions = {
	preview: previewUpload,
	confirm: confirmBatch,
	discard: discardBatch
} satisfies Actions;

const uploadProblems = {
	no_file: () => m.trends_import_no_file(),
	too_large: () => m.trends_import_too_large(),
	extension: () => m.trends_import_extension()
};
const fileProblems = {
	unreadable: () => m.trends_import_unreadable(),
	encoding: () => m.trends_import_encoding(),
	xls: () => m.trends_import_xls()
};

/** Parse and validate; stage the rows when all are good. Nothing reaches the rollup here. */
async function previewUpload({ request, locals }: RequestEvent) {
	const user = requireImporter(locals.user);
	const upload = await parseTrendUpload(await request.formData());
	if (!upload.ok) {
		return fail(upload.problem === 'too_large' ? 413 : 400, {
			message: uploadProblems[upload.problem]()
		});
	}
	let sheet;
	try {
		sheet = await readSpreadsheet(upload.bytes);
	} catch (cause) {
		if (!(cause instanceof SpreadsheetError)) throw cause;
		return fail(400, { message: fileProblems[cause.reason]() });
	}
	const db = getDatabase().db;
	const result = await previewImport(db, sheet, {
		actor: auditActor(user),
		fileName: upload.fileName,
		scope: await regionScope(db, user, 'organizer')
	});
	if (!result.ok) {
		const issues = result.issues.map(describeImportIssue);
		return fail(422, { message: m.trends_import_issues({ count: issues.length }), issues });
	}
	return {
		preview: {
			batchId: result.batchId,
			fileName: upload.fileName,
			total: result.rows.length,
			rows: result.rows.slice(0, PREVIEW_ROWS),
			replacements: result.replacements
		}
	};
}

async function confirmBatch({ request, locals }: RequestEvent) {
	const user = requireImporter(locals.user);
	const batchId = parseBatchId((await request.formData()).get('batch'));
	if (batchId === null) return fail(400, { message: m.trends_import_bad_batch() });
	const db = getDatabase().db;
	const result = await confirmImport(db, batchId, {
		actor: auditActor(user),
		scope: await regionScope(db, user, 'organizer')
	});
	if (!result.ok) {
		const messages = {
			not_found: m.trends_import_not_found,
			expired: m.trends_import_expired,
			not_yours: m.trends_import_not_yours,
			stale: m.trends_import_stale
		};
		const issues = (result.issues ?? []).map(describeImportIssue);
		return fail(result.reason === 'not_yours' ? 403 : 409, {
			message: messages[result.reason](),
			issues
		});
	}
	redirect(303, `/trends/import?confirmed=${result.batchId}`);
}

async function discardBatch({ request, locals }: RequestEvent) {
	const user = requireImporter(locals.user);
	const batchId = parseBatchId((await request.formData()).get('batch'));
	if (batchId !== null) await discardImport(getDatabase().db, batchId, auditActor(user));
	redirect(303, '/trends/import');
}

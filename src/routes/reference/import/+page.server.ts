import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { auditActor } from '$lib/server/auth/actor';
import { m } from '$lib/paraglide/messages';
import { importReferenceRows } from '$lib/server/reference/import';
import { describeIssue } from '$lib/server/reference/messages';
import { writeScope } from '$lib/server/reference/scope';
import {
	readSpreadsheet,
	SpreadsheetError,
	type SheetRows
} from '$lib/server/reference/spreadsheet';
import { parseUploadForm } from '$lib/server/reference/validate';
import type { Actions } from './$types';

export const actions = {
	default: importFile
} satisfies Actions;

const uploadProblems = {
	entity: () => m.reference_import_entity_invalid(),
	no_file: () => m.reference_import_no_file(),
	too_large: () => m.reference_import_too_large(),
	extension: () => m.reference_import_extension()
};

const fileProblems = {
	unreadable: () => m.reference_import_unreadable(),
	encoding: () => m.reference_import_encoding(),
	xls: () => m.reference_import_xls()
};

const entityNames = {
	region: () => m.reference_regions(),
	unit: () => m.reference_units(),
	cadre: () => m.reference_cadres()
};

/**
 * Reads the upload and imports it in one transaction. Answers 413 for an oversized file, 400 for a
 * form or file that cannot be used at all, 422 with the per-row report when rows are bad (nothing
 * written), and the counts on success. No redirect: the report is the page.
 */
async function importFile({ request, locals }: RequestEvent) {
	const upload = await parseUploadForm(await request.formData());
	if (!upload.ok) {
		const status = upload.problem === 'too_large' ? 413 : 400;
		return fail(status, {
			message: uploadProblems[upload.problem](),
			entity: upload.entity,
			skipBadRows: upload.skipBadRows
		});
	}
	const { entity, skipBadRows } = upload;
	let sheet: SheetRows;
	try {
		sheet = await readSpreadsheet(upload.bytes);
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error;
		return fail(400, { message: fileProblems[error.reason](), entity, skipBadRows });
	}
	const db = getDatabase().db;
	const report = await importReferenceRows(db, entity, sheet, {
		skipBadRows,
		actor: auditActor(locals.user),
		fileName: upload.fileName,
		scope: await writeScope(db, locals.user)
	});
	const issues = report.issues.map((issue) => describeIssue(entity, issue));
	const warnings = report.warnings.map((warning) => describeIssue(entity, warning));
	if (!report.ok) {
		return fail(422, {
			message: m.reference_import_failed({ count: issues.length }),
			entity,
			skipBadRows,
			issues,
			warnings
		});
	}
	return {
		success: m.reference_import_done({ entity: entityNames[entity](), ...report }),
		skippedNote: report.skipped > 0 ? m.reference_import_done_skipped(report) : null,
		entity,
		skipBadRows,
		issues,
		warnings
	};
}

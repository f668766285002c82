/**
 * Organization recommendations imported from XLSX or CSV. All or nothing: when any row is wrong
 * the file is refused with every row's errors and nothing is written, so a fixed file can simply be
 * uploaded again without creating duplicates of the rows that were fine.
 */
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import type { RosterKind } from '$lib/server/db/schema';
import { readSpreadsheet } from '$lib/server/reference/spreadsheet';
import { insertEntryIn, isUniqueViolation, supervisorCategories } from './applications';
import { findLivePhones, findRegionIdsByCode, findUnitIdsByCode } from './lookups';
import { inJuryScope, type JuryScope } from './scope';
import { JuryError, type Actor } from './types';
import { parseRecommendation, text, type FieldError, type RecommendationInput } from './validate';
import { statusReason } from './status-reason';

/** Accepted column headers, Chinese or English, to the field they fill. */
const headerFields: Record<string, string> = {
	姓名: 'name',
	name: 'name',
	手机号: 'phone',
	手机: 'phone',
	phone: 'phone',
	区县: 'district',
	district: 'district',
	类别: 'category',
	category: 'category',
	工作单位: 'employerName',
	employer: 'employerName',
	单位代码: 'employerUnitCode',
	employer_unit_code: 'employerUnitCode',
	推荐单位: 'recommender',
	recommender: 'recommender'
};
const requiredFields = ['name', 'phone', 'district', 'category', 'recommender'];

export type ImportErrorCode =
	| FieldError
	| 'unknown_district'
	| 'district_out_of_scope'
	| 'unknown_unit'
	| 'duplicate_phone'
	| 'duplicate_in_file'
	| 'supervisor_category';

export interface RowError {
	row: number;
	field: string;
	code: ImportErrorCode;
}

export type ImportResult =
	{ ok: true; imported: number } | { ok: false; missingColumns: string[]; errors: RowError[] };

interface CheckedRow {
	row: number;
	input: RecommendationInput;
}

function readRecords(headers: string[], lines: { row: number; cells: string[] }[]) {
	const fields = headers.map(
		(header) => headerFields[header.trim().toLowerCase()] ?? headerFields[header.trim()] ?? null
	);
	const missingColumns = requiredFields.filter((field) => !fields.includes(field));
	const records = lines.map(({ row, cells }) => {
		const record: Record<string, string> = {};
		fields.forEach((field, i) => {
			if (field) record[field] = text(cells[i]);
		});
		return { row, record };
	});
	return { missingColumns, records };
}

/**
 * Parses every row and reports every problem, including phones already on the roster and, for a
 * regional organizer, districts outside their regions.
 */
export async function checkRecommendationFile(
	db: Database,
	roster: RosterKind,
	bytes: Uint8Array,
	scope: JuryScope = null
): Promise<{ rows: CheckedRow[]; missingColumns: string[]; errors: RowError[] }> {
	const sheet = await readSpreadsheet(bytes);
	const { missingColumns, records } = readRecords(sheet.headers, sheet.rows);
	if (missingColumns.length > 0) return { rows: [], missingColumns, errors: [] };
	const distinct = (key: string) => [...new Set(records.map((r) => r.record[key]).filter(Boolean))];
	const regions = await findRegionIdsByCode(db, distinct('district'));
	const units = await findUnitIdsByCode(db, distinct('employerUnitCode'));
	const errors: RowError[] = [];
	const rows: CheckedRow[] = [];
	const seen = new Set<string>();
	for (const { row, record } of records) {
		const regionId = regions.get(record.district);
		const unitId = record.employerUnitCode ? units.get(record.employerUnitCode) : null;
		const rowErrors: RowError[] = [];
		if (record.district && !regionId)
			rowErrors.push({ row, field: 'district', code: 'unknown_district' });
		else if (regionId && !inJuryScope(scope, regionId))
			rowErrors.push({ row, field: 'district', code: 'district_out_of_scope' });
		if (unitId === undefined)
			rowErrors.push({ row, field: 'employerUnitCode', code: 'unknown_unit' });
		const parsed = parseRecommendation({
			...record,
			regionId: regionId ?? '',
			employerUnitId: unitId ?? ''
		});
		if (!parsed.ok) {
			for (const [field, code] of Object.entries(parsed.errors)) {
				// An unknown district was reported above; an empty one is 'required'.
				if (field === 'regionId' && record.district) continue;
				rowErrors.push({
					row,
					field: field === 'regionId' ? 'district' : field,
					code: code as FieldError
				});
			}
		} else if (roster === 'supervisor' && !supervisorCategories.includes(parsed.value.category)) {
			rowErrors.push({ row, field: 'category', code: 'supervisor_category' });
		} else if (seen.has(parsed.value.phone)) {
			rowErrors.push({ row, field: 'phone', code: 'duplicate_in_file' });
		}
		if (parsed.ok) seen.add(parsed.value.phone);
		if (rowErrors.length === 0 && parsed.ok) rows.push({ row, input: parsed.value });
		errors.push(...rowErrors);
	}
	const taken = await findLivePhones(
		db,
		roster,
		rows.map((r) => r.input.phone)
	);
	for (const { row, input } of rows) {
		if (taken.has(input.phone)) errors.push({ row, field: 'phone', code: 'duplicate_phone' });
	}
	errors.sort((a, b) => a.row - b.row);
	return { rows, missingColumns, errors };
}

/** Checks, then writes every row as an approved recommendation in one transaction. */
export async function importRecommendations(
	db: Database,
	roster: RosterKind,
	bytes: Uint8Array,
	actor: Actor,
	scope: JuryScope = null
): Promise<ImportResult> {
	const checked = await checkRecommendationFile(db, roster, bytes, scope);
	if (checked.missingColumns.length > 0 || checked.errors.length > 0) {
		return { ok: false, missingColumns: checked.missingColumns, errors: checked.errors };
	}
	try {
		const ids = await db.transaction(async (tx) => {
			const created: number[] = [];
			for (const { input } of checked.rows) {
				const reason = statusReason('recommended', input.recommender);
				const entry = { roster, input, status: 'approved' as const, reason, actor };
				created.push((await insertEntryIn(tx, entry, { audit: false })).id);
			}
			await recordAuditEvent(tx, {
				actor,
				action: 'jury.import',
				subjectType: 'juror',
				details: { roster, count: created.length, jurorIds: created }
			});
			return created;
		});
		return { ok: true, imported: ids.length };
	} catch (error) {
		// Someone added the same phone between the check and the write.
		if (isUniqueViolation(error)) throw new JuryError('duplicate_phone');
		throw error;
	}
}

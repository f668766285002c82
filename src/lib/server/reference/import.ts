/**
 * Imports a parsed spreadsheet of regions, units or cadres.
 *
 * Rules (documented in the import page too):
 * - A code that already exists updates that record (upsert); a new code creates one. Archived
 *   records stay archived; an import never archives or un-archives.
 * - Rows are taken in file order, so a row may refer to a parent defined by an earlier row
 *   (a city and its districts in one file), or to one already in the database.
 * - All rows are written in one transaction with one audit event. When any row is bad, nothing is
 *   written and every problem is reported, unless `skipBadRows` is set: then the good rows are
 *   written and the report lists the skipped ones.
 * - A scoped organizer's rows must stay within their regions: a row naming a record, region, parent
 *   or unit outside them is a bad row ("outside your region").
 */
import type { Database } from '$lib/server/db';
import { recordAuditEvent } from '$lib/server/audit';
import {
	findDuplicateCodes,
	locateHeader,
	mapHeaders,
	MAX_IMPORT_ROWS,
	validateRow,
	type CadreRecord,
	type RecordOf,
	type ReferenceEntity,
	type RegionRecord,
	type RowIssue,
	type UnitRecord
} from '$lib/domain/reference-import';
import { isUniqueViolation, KnownCodes, type Tx } from './known';
import { checkRecord, writeRecord } from './records';
import type { ReferenceIssue, Scope } from './scope';
import type { SheetRows } from './spreadsheet';

export interface ImportOptions {
	skipBadRows: boolean;
	actor: { id: number; label: string } | null;
	fileName?: string;
	/** The importer's write scope (null: every region). */
	scope: Scope;
}

export type ImportReport = (
	| {
			ok: true;
			created: number;
			updated: number;
			unchanged: number;
			/** Rows left out in skip mode, with every problem they had. */
			skipped: number;
			issues: ReferenceIssue[];
	  }
	| { ok: false; issues: ReferenceIssue[] }
) & {
	/** What was left out without refusing the file: title rows above the header, unknown columns. */
	warnings: ReferenceIssue[];
};

type Parsed<E extends ReferenceEntity> = { row: number; record: RecordOf[E] };

/** Thrown inside the transaction to roll it back when a bad row means nothing may be written. */
class Rejected extends Error {
	constructor(readonly issues: ReferenceIssue[]) {
		super('import rejected');
	}
}

export async function importReferenceRows<E extends ReferenceEntity>(
	db: Database,
	entity: E,
	sheet: SheetRows,
	options: ImportOptions
): Promise<ImportReport> {
	const {
		header: headerLine,
		rows,
		skipped
	} = locateHeader(entity, [{ row: sheet.headerRow, cells: sheet.headers }, ...sheet.rows]);
	const headerRow = headerLine?.row ?? sheet.headerRow;
	const header = mapHeaders(entity, headerLine?.cells ?? []);
	const warnings: ReferenceIssue[] = header.warnings.map((w) => ({ ...w, row: headerRow }));
	if (skipped.length > 0) {
		warnings.unshift({
			row: skipped[0].row,
			column: null,
			code: 'title_rows_skipped',
			params: { rows: skipped.map((line) => line.row).join(', '), header: headerRow }
		});
	}
	if (header.issues.length > 0) {
		return {
			ok: false,
			issues: header.issues.map((issue) => ({ ...issue, row: headerRow })),
			warnings
		};
	}
	if (rows.length === 0) return fileIssue('empty_file', {}, warnings);
	if (rows.length > MAX_IMPORT_ROWS) {
		return fileIssue('too_many_rows', { max: MAX_IMPORT_ROWS, count: rows.length }, warnings);
	}

	const { parsed, rowCodes, issues } = parseRows(entity, header.keys, rows);
	issues.push(...findDuplicateCodes(parsed.map(({ row, record }) => ({ row, code: record.code }))));
	const badRows = new Set(issues.map((issue) => issue.row));
	// Even when rows are already known to be bad, the rest are still checked against the database
	// (inside a transaction that is then rolled back), so the report lists every problem at once.
	try {
		const report = await db.transaction((tx) =>
			writeRows(tx, entity, { parsed, rowCodes, badRows, issues }, options)
		);
		return { ...report, warnings };
	} catch (error) {
		if (error instanceof Rejected) return { ok: false, issues: error.issues, warnings };
		if (isUniqueViolation(error)) return fileIssue('concurrent_change', {}, warnings);
		throw error;
	}
}

/** Each row through the pure validator; also every row's code cell, good row or bad. */
function parseRows<E extends ReferenceEntity>(
	entity: E,
	keys: (string | null)[],
	rows: SheetRows['rows']
): { parsed: Parsed<E>[]; rowCodes: Batch<E>['rowCodes']; issues: RowIssue[] } {
	const issues: RowIssue[] = [];
	const parsed: Parsed<E>[] = [];
	const rowCodes: { row: number; code: string }[] = [];
	for (const { row, cells } of rows) {
		const raw: Record<string, string> = {};
		keys.forEach((key, index) => {
			if (key) raw[key] = cells[index] ?? '';
		});
		const result = validateRow(entity, raw, row);
		if (result.record) parsed.push({ row, record: result.record });
		else issues.push(...result.issues);
		if (raw.code?.trim()) rowCodes.push({ row, code: raw.code.trim() });
	}
	return { parsed, rowCodes, issues };
}

interface Batch<E extends ReferenceEntity> {
	parsed: Parsed<E>[];
	/** The code cell of every row, good or bad. */
	rowCodes: { row: number; code: string }[];
	badRows: Set<number>;
	issues: ReferenceIssue[];
}

async function writeRows<E extends ReferenceEntity>(
	tx: Tx,
	entity: E,
	{ parsed, rowCodes, badRows, issues }: Batch<E>,
	options: ImportOptions
): Promise<Omit<ImportReport & { ok: true }, 'warnings'>> {
	const known = new KnownCodes(tx);
	await preload(known, entity, parsed);
	// A new code that only a bad row defines is "rejected", so rows under it say why they fail.
	// A stored code stays usable: the bad row is not written, so the stored record stands.
	const goodCodes = new Set(parsed.filter((p) => !badRows.has(p.row)).map((p) => p.record.code));
	const reject = (code: string, row: number) => {
		if (!existingOf(known, entity, code) && !known.rejected.has(code))
			known.rejected.set(code, row);
	};
	for (const { row, code } of rowCodes) {
		if (badRows.has(row) && !goodCodes.has(code)) reject(code, row);
	}
	const counts = { created: 0, updated: 0, unchanged: 0 };
	for (const { row, record } of parsed) {
		if (badRows.has(row)) continue;
		const current = existingOf(known, entity, record.code);
		const rowIssues = await checkRecord(tx, known, entity, record, current, row, options.scope);
		if (rowIssues.length > 0) {
			issues.push(...rowIssues);
			badRows.add(row);
			reject(record.code, row);
			continue;
		}
		const { outcome } = await writeRecord(tx, known, entity, record, current);
		counts[outcome] += 1;
	}
	if (issues.length > 0 && !options.skipBadRows) throw new Rejected(sortIssues(issues));
	await recordAuditEvent(tx, {
		actor: options.actor,
		action: `${entity}.import`,
		subjectType: entity,
		details: { ...counts, skipped: badRows.size, fileName: options.fileName ?? null }
	});
	return { ok: true, ...counts, skipped: badRows.size, issues: sortIssues(issues) };
}

function existingOf(known: KnownCodes, entity: ReferenceEntity, code: string) {
	const map = entity === 'region' ? known.regions : entity === 'unit' ? known.units : known.cadres;
	const found = map.get(code);
	return found ? { id: found.id } : null;
}

/** Fetches every code the file mentions in one query per table, not one per row. */
async function preload<E extends ReferenceEntity>(
	known: KnownCodes,
	entity: E,
	parsed: Parsed<E>[]
): Promise<void> {
	if (entity === 'region') {
		const records = parsed.map((p) => p.record as RegionRecord);
		await known.loadRegions(records.flatMap((r) => [r.code, r.parentCode ?? r.code]));
	} else if (entity === 'unit') {
		const records = parsed.map((p) => p.record as UnitRecord);
		await known.loadRegions(records.map((r) => r.regionCode));
		await known.loadUnits(records.flatMap((r) => [r.code, r.parentUnitCode ?? r.code]));
	} else {
		const records = parsed.map((p) => p.record as CadreRecord);
		await known.loadUnits(records.map((r) => r.unitCode));
		await known.loadCadres(records.map((r) => r.code));
	}
}

function sortIssues(issues: ReferenceIssue[]): ReferenceIssue[] {
	return [...issues].sort((a, b) => a.row - b.row);
}

function fileIssue(
	code: 'empty_file' | 'too_many_rows' | 'concurrent_change',
	params: RowIssue['params'],
	warnings: ReferenceIssue[]
): ImportReport {
	return { ok: false, issues: [{ row: 1, column: null, code, params }], warnings };
}

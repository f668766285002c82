/**
 * Row validation for reference-data imports and forms. Pure: it checks what one row says on its
 * own (required cells, formats, enum words, parent rules that need no lookup) and reports each
 * problem as a code with parameters, so the server can word it in the reader's language.
 * Checks that need the database (does the parent exist?) live in $lib/server/reference/.
 */
import { CellReader, type RawRow } from './reference-cells';
import {
	booleanWords,
	cadreLevelWords,
	findColumn,
	referenceColumns,
	regionLevelWords,
	unitKindWords,
	type CadreLevel,
	type ReferenceEntity,
	type RegionLevel,
	type UnitKind
} from './reference-columns';
import type { RowIssue } from './reference-issues';

export * from './reference-columns';
export * from './reference-issues';
export { normalizeDate, normalizeMonth, type RawRow } from './reference-cells';

export interface RegionRecord {
	code: string;
	name: string;
	level: RegionLevel;
	parentCode: string | null;
}

export interface UnitRecord {
	code: string;
	name: string;
	kind: UnitKind;
	regionCode: string;
	parentUnitCode: string | null;
}

export interface CadreRecord {
	code: string;
	name: string;
	unitCode: string;
	position: string;
	level: CadreLevel;
	midLevel: boolean;
	/** One of the unit's principal leaders (主要负责人). */
	headsUnit: boolean;
	/** 'YYYY-MM' */
	birthMonth: string | null;
	/** 'YYYY-MM-DD' */
	appointedOn: string | null;
}

export interface RecordOf {
	region: RegionRecord;
	unit: UnitRecord;
	cadre: CadreRecord;
}

export type RowResult<E extends ReferenceEntity> =
	{ record: RecordOf[E]; issues: [] } | { record: null; issues: RowIssue[] };

/** Up to this many data rows per file; more is almost certainly the wrong file. */
export const MAX_IMPORT_ROWS = 10_000;

export function validateRow<E extends ReferenceEntity>(
	entity: E,
	raw: RawRow,
	row: number
): RowResult<E> {
	const cells = new CellReader(entity, raw, row);
	const record = recordBuilders[entity](cells);
	if (cells.issues.length > 0) {
		// Report in the order the columns stand in the file, not the order they were checked.
		const order = referenceColumns[entity].map((col) => col.key);
		const position = (issue: RowIssue) => order.indexOf(issue.column ?? '');
		return { record: null, issues: cells.issues.sort((a, b) => position(a) - position(b)) };
	}
	return { record: record as RecordOf[E], issues: [] };
}

const recordBuilders: { [E in ReferenceEntity]: (cells: CellReader) => RecordOf[E] } = {
	region(cells) {
		const level = cells.word('level', regionLevelWords, 'invalid_level');
		const parentCode = cells.code('parent_code');
		if (level === 'province' && parentCode) cells.issue('parent_code', 'province_has_parent');
		if (level && level !== 'province' && !parentCode && !cells.hasIssue('parent_code')) {
			cells.issue('parent_code', 'parent_required');
		}
		return { code: cells.requiredCode('code'), name: cells.text('name'), level, parentCode };
	},
	unit(cells) {
		const kind = cells.word('kind', unitKindWords, 'invalid_kind');
		const parentUnitCode = cells.code('parent_unit_code');
		if (kind === 'service_window' && !parentUnitCode && !cells.hasIssue('parent_unit_code')) {
			cells.issue('parent_unit_code', 'window_needs_parent');
		}
		if (kind && kind !== 'service_window' && parentUnitCode) {
			cells.issue('parent_unit_code', 'parent_only_for_windows');
		}
		return {
			code: cells.requiredCode('code'),
			name: cells.text('name'),
			kind,
			regionCode: cells.requiredCode('region_code'),
			parentUnitCode
		};
	},
	cadre(cells) {
		const midLevel = cells.word('mid_level', booleanWords, 'invalid_boolean');
		const headsUnit = cells.word('heads_unit', booleanWords, 'invalid_boolean');
		return {
			code: cells.requiredCode('code'),
			name: cells.text('name'),
			unitCode: cells.requiredCode('unit_code'),
			position: cells.text('position'),
			level: cells.word('level', cadreLevelWords, 'invalid_cadre_level'),
			midLevel: midLevel === 'yes',
			headsUnit: headsUnit === 'yes',
			birthMonth: cells.month('birth_month'),
			appointedOn: cells.date('appointed_on')
		};
	}
};

/**
 * Maps the header row onto column keys (null for a blank header cell). Repeated or missing
 * required headers are file-level problems, reported on row 1. A header that names none of the
 * entity's columns (序号, 备注, a column of the department's own) is left out of the import with a
 * warning rather than refusing the file: government rosters nearly always carry such columns.
 */
export function mapHeaders(
	entity: ReferenceEntity,
	headers: readonly string[]
): { keys: (string | null)[]; issues: RowIssue[]; warnings: RowIssue[] } {
	const issues: RowIssue[] = [];
	const warnings: RowIssue[] = [];
	const keys = headers.map((header) => {
		if (!header.trim()) return null;
		const col = findColumn(entity, header);
		if (!col) {
			warnings.push({
				row: 1,
				column: null,
				code: 'ignored_column',
				params: { header: header.trim() }
			});
		}
		return col?.key ?? null;
	});
	const seen = new Set<string>();
	for (const key of keys) {
		if (key && seen.has(key)) {
			issues.push({ row: 1, column: key, code: 'duplicate_column', params: {} });
		}
		if (key) seen.add(key);
	}
	for (const col of referenceColumns[entity]) {
		if (col.required && !seen.has(col.key)) {
			issues.push({ row: 1, column: col.key, code: 'missing_column', params: {} });
		}
	}
	return { keys, issues, warnings };
}

/** How far down the header row is looked for: past a title, a date line and a blank row or two. */
export const HEADER_SCAN_LINES = 10;

/** How many of an entity's columns a line names (each column counted once). */
function namedColumns(entity: ReferenceEntity, cells: readonly string[]): number {
	const keys = new Set<string>();
	for (const cell of cells) {
		const col = cell.trim() ? findColumn(entity, cell) : undefined;
		if (col) keys.add(col.key);
	}
	return keys.size;
}

/**
 * Finds the header row among the first non-blank lines of a sheet: the first line naming the most
 * of the entity's columns. Lines above it (a merged title such as "某区科级干部名册", a date or
 * "单位（盖章）" line) are skipped. When no line names any column, the first line is taken as the
 * header, so the report says which columns are missing.
 */
export function locateHeader<L extends { row: number; cells: string[] }>(
	entity: ReferenceEntity,
	lines: readonly L[],
	scan = HEADER_SCAN_LINES
): { header: L | undefined; rows: L[]; skipped: L[] } {
	let best = 0;
	let bestCount = 0;
	lines.slice(0, scan).forEach((line, index) => {
		const named = namedColumns(entity, line.cells);
		if (named > bestCount) {
			best = index;
			bestCount = named;
		}
	});
	return { header: lines[best], rows: lines.slice(best + 1), skipped: lines.slice(0, best) };
}

/** Issues for every repeat of a code already used by an earlier row of the same file. */
export function findDuplicateCodes(rows: readonly { row: number; code: string }[]): RowIssue[] {
	const firstRow = new Map<string, number>();
	const issues: RowIssue[] = [];
	for (const { row, code } of rows) {
		const first = firstRow.get(code);
		if (first === undefined) firstRow.set(code, row);
		else issues.push({ row, column: 'code', code: 'duplicate_in_file', params: { code, first } });
	}
	return issues;
}

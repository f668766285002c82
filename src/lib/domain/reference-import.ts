/**
 * Row validation for reference-data imports and forms. Pure: it checks what one row says on its
 * own (required cells, formats, enum words, parent rules that need no lookup) and reports each
 * problem as a code with parameters, so the server can word it in the reader's language.
 * Checks that need the database (does the parent exist?) live in $lib/server/reference/.
 */
import {
	booleanWords,
	cadreLevelWords,
	findColumn,
	matchWord,
	referenceColumns,
	regionLevelWords,
	unitKindWords,
	type CadreLevel,
	type ReferenceEntity,
	type RegionLevel,
	type UnitKind
} from './reference-columns';

export * from './reference-columns';

export type ImportErrorCode =
	| 'required'
	| 'too_long'
	| 'invalid_code'
	| 'invalid_level'
	| 'invalid_kind'
	| 'invalid_cadre_level'
	| 'invalid_boolean'
	| 'invalid_month'
	| 'invalid_date'
	| 'province_has_parent'
	| 'parent_required'
	| 'window_needs_parent'
	| 'parent_only_for_windows'
	| 'duplicate_in_file'
	| 'missing_column'
	| 'unknown_column'
	| 'duplicate_column'
	| 'empty_file'
	| 'too_many_rows'
	// Found by the server against the database and earlier rows of the file.
	| 'parent_not_found'
	| 'parent_archived'
	| 'parent_wrong_level'
	| 'parent_row_invalid'
	| 'region_not_found'
	| 'region_archived'
	| 'unit_not_found'
	| 'unit_archived'
	| 'parent_unit_not_found'
	| 'parent_unit_archived'
	| 'parent_unit_is_window'
	| 'level_change_has_children'
	| 'kind_change_has_windows'
	| 'code_taken';

export type IssueParams = Record<string, string | number>;

/** One problem: the spreadsheet row (1 = the header row), the column key (or null), and why. */
export interface RowIssue {
	row: number;
	column: string | null;
	code: ImportErrorCode;
	params: IssueParams;
}

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

/** Cells of one row by column key; missing keys read as blank. */
export type RawRow = Readonly<Record<string, string | undefined>>;

export type RowResult<E extends ReferenceEntity> =
	{ record: RecordOf[E]; issues: [] } | { record: null; issues: RowIssue[] };

/** Letters, digits and . _ - ; codes go into URLs, file names and lookups, so no spaces. */
const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

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
		return {
			code: cells.requiredCode('code'),
			name: cells.text('name'),
			unitCode: cells.requiredCode('unit_code'),
			position: cells.text('position'),
			level: cells.word('level', cadreLevelWords, 'invalid_cadre_level'),
			midLevel: midLevel === 'yes',
			birthMonth: cells.month('birth_month'),
			appointedOn: cells.date('appointed_on')
		};
	}
};

/**
 * Reads cells of one row and collects issues as it goes. Accessors return the parsed value, or a
 * blank of the right shape after recording an issue; callers only use the record when none arose.
 */
class CellReader {
	readonly issues: RowIssue[] = [];

	constructor(
		private readonly entity: ReferenceEntity,
		private readonly raw: RawRow,
		private readonly row: number
	) {}

	issue(column: string, code: ImportErrorCode, params: IssueParams = {}): void {
		this.issues.push({ row: this.row, column, code, params });
	}

	hasIssue(column: string): boolean {
		return this.issues.some((issue) => issue.column === column);
	}

	/** The trimmed cell, checked for presence and length; '' when blank. */
	text(key: string): string {
		const col = referenceColumns[this.entity].find((c) => c.key === key);
		const value = (this.raw[key] ?? '').replace(/\s+/g, ' ').trim();
		if (!value) {
			if (col?.required) this.issue(key, 'required');
			return '';
		}
		if (col && [...value].length > col.maxLength) {
			this.issue(key, 'too_long', { max: col.maxLength });
		}
		return value;
	}

	code(key: string): string | null {
		const value = this.text(key);
		if (value && !CODE_PATTERN.test(value)) this.issue(key, 'invalid_code', { value });
		return value || null;
	}

	/** A code that must be there; '' after recording the issue when it is not. */
	requiredCode(key: string): string {
		return this.code(key) ?? '';
	}

	word<K extends string>(
		key: string,
		words: Record<K, readonly string[]>,
		invalid: ImportErrorCode
	): K {
		const value = this.text(key);
		if (!value) return '' as K;
		const match = matchWord(words, value);
		if (!match) this.issue(key, invalid, { value });
		return match ?? ('' as K);
	}

	month(key: string): string | null {
		const value = this.text(key);
		if (!value) return null;
		const month = normalizeMonth(value);
		if (!month) this.issue(key, 'invalid_month', { value });
		return month;
	}

	date(key: string): string | null {
		const value = this.text(key);
		if (!value) return null;
		const date = normalizeDate(value);
		if (!date) this.issue(key, 'invalid_date', { value });
		return date;
	}
}

/** 'YYYY-MM' from 1975-03, 1975/3, 1975.03, 1975年3月 (or a full date, whose day is dropped). */
export function normalizeMonth(value: string): string | null {
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$/.exec(
		value.trim()
	);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	if (year < 1900 || year > 2100 || month < 1 || month > 12) return null;
	return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' from 2020-01-05, 2020/1/5, 2020.01.05, 2020年1月5日; rejects 2021-02-30. */
export function normalizeDate(value: string): string | null {
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 1900 || year > 2100) return null;
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
	return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Maps the header row onto column keys (null for a blank header cell). Unknown, repeated or
 * missing required headers are file-level problems, reported on row 1.
 */
export function mapHeaders(
	entity: ReferenceEntity,
	headers: readonly string[]
): { keys: (string | null)[]; issues: RowIssue[] } {
	const issues: RowIssue[] = [];
	const keys = headers.map((header) => {
		if (!header.trim()) return null;
		const col = findColumn(entity, header);
		if (!col) issues.push({ row: 1, column: null, code: 'unknown_column', params: { header } });
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
	return { keys, issues };
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

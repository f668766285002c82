/**
 * Row validation for imports of official figures. Pure: the caller hands in what the database
 * knows (indicators, region codes, the importer's scope), so every rule is unit-testable.
 */
import type { StagedIndicatorRow } from '$lib/server/db/schema/trends';

export type ImportColumn =
	'indicator' | 'region_code' | 'year' | 'value' | 'rank' | 'peers' | 'source';

export const importColumns: readonly { key: ImportColumn; zh: string; required: boolean }[] = [
	{ key: 'indicator', zh: '指标', required: true },
	{ key: 'region_code', zh: '区划代码', required: true },
	{ key: 'year', zh: '年度', required: true },
	{ key: 'value', zh: '数值', required: true },
	{ key: 'rank', zh: '排名', required: false },
	{ key: 'peers', zh: '参评数', required: false },
	{ key: 'source', zh: '来源', required: false }
];

// Other spellings people type into a header cell; all compared after trimming and lower-casing.
const aliases: Record<string, ImportColumn> = {
	指标名称: 'indicator',
	代码: 'region_code',
	地区代码: 'region_code',
	'region code': 'region_code',
	年份: 'year',
	得分: 'value',
	参评单位数: 'peers',
	参评地区数: 'peers',
	来源文件: 'source',
	source_document: 'source'
};

export type IssueCode =
	| 'missing_column'
	| 'empty_file'
	| 'too_many_rows'
	| 'unknown_indicator'
	| 'unknown_region'
	| 'out_of_scope'
	| 'bad_year'
	| 'bad_value'
	| 'bad_rank'
	| 'bad_peers'
	| 'rank_over_peers'
	| 'duplicate_row';

export interface ImportIssue {
	row: number;
	column: ImportColumn | null;
	code: IssueCode;
	params: Record<string, string | number>;
}

export const MAX_IMPORT_ROWS = 20_000;
export const MIN_YEAR = 1949;

/** Header cells to column keys; unknown headers (a region name column, notes) are ignored. */
export function mapImportHeaders(headers: string[]): {
	keys: (ImportColumn | null)[];
	missing: ImportColumn[];
} {
	const keys = headers.map((header) => columnOf(header));
	const missing = importColumns
		.filter((column) => column.required && !keys.includes(column.key))
		.map((column) => column.key);
	return { keys, missing };
}

function columnOf(header: string): ImportColumn | null {
	const text = header.trim().toLowerCase();
	const direct = importColumns.find((c) => c.key === text || c.zh === text);
	return direct?.key ?? aliases[text] ?? null;
}

export interface ImportContext {
	/** Indicator keys by every name a file may use: key, Chinese name, English name (lower-cased). */
	indicators: Map<string, string>;
	/** Region codes that exist (and are not archived). */
	regionCodes: Set<string>;
	/** Null: every region may be imported; otherwise only these codes. */
	scopeCodes: Set<string> | null;
	/** The latest year accepted: next year, so a file prepared at new year still fits. */
	maxYear: number;
}

const decimalPattern = /^[+-]?\d+(\.\d+)?$/;
const integerPattern = /^\d+$/;

/**
 * A decimal as typed: thousands separators and a trailing percent sign are dropped (98.49% is
 * stored as 98.49, the unit says it is a percentage); anything else that is not plain decimal
 * notation is refused rather than guessed at.
 */
export function parseDecimalText(text: string): string | null {
	const cleaned = text
		.trim()
		.replace(/[,，\s]/g, '')
		.replace(/[%％]$/, '');
	if (!decimalPattern.test(cleaned)) return null;
	return cleaned.replace(/^\+/, '');
}

function parseCount(text: string): number | null | 'bad' {
	const cleaned = text.trim();
	if (cleaned === '') return null;
	if (!integerPattern.test(cleaned)) return 'bad';
	const count = Number(cleaned);
	return count >= 1 && count <= 100_000 ? count : 'bad';
}

/** One data row to a staged row, or the row's problems (every one, not only the first). */
export function validateImportRow(
	raw: Partial<Record<ImportColumn, string>>,
	row: number,
	context: ImportContext
): { record: StagedIndicatorRow | null; issues: ImportIssue[] } {
	const issues: ImportIssue[] = [];
	const issue = (column: ImportColumn | null, code: IssueCode, params = {}) =>
		issues.push({ row, column, code, params });
	const indicatorText = (raw.indicator ?? '').trim();
	const indicatorKey = context.indicators.get(indicatorText.toLowerCase()) ?? null;
	if (!indicatorKey) issue('indicator', 'unknown_indicator', { value: indicatorText });
	const regionCode = (raw.region_code ?? '').trim();
	if (!context.regionCodes.has(regionCode)) {
		issue('region_code', 'unknown_region', { value: regionCode });
	} else if (context.scopeCodes && !context.scopeCodes.has(regionCode)) {
		issue('region_code', 'out_of_scope', { value: regionCode });
	}
	const yearText = (raw.year ?? '').trim().replace(/年$/, '');
	const year = integerPattern.test(yearText) ? Number(yearText) : NaN;
	if (!(year >= MIN_YEAR && year <= context.maxYear)) {
		issue('year', 'bad_year', { value: yearText, min: MIN_YEAR, max: context.maxYear });
	}
	const value = parseDecimalText(raw.value ?? '');
	if (value === null) issue('value', 'bad_value', { value: (raw.value ?? '').trim() });
	const rank = parseCount(raw.rank ?? '');
	if (rank === 'bad') issue('rank', 'bad_rank', { value: (raw.rank ?? '').trim() });
	const peers = parseCount(raw.peers ?? '');
	if (peers === 'bad') issue('peers', 'bad_peers', { value: (raw.peers ?? '').trim() });
	if (typeof rank === 'number' && typeof peers === 'number' && rank > peers) {
		issue('rank', 'rank_over_peers', { rank, peers });
	}
	if (issues.length > 0 || !indicatorKey || value === null) return { record: null, issues };
	const source = (raw.source ?? '').trim();
	return {
		record: {
			row,
			indicatorKey,
			regionCode,
			year,
			value,
			rank: rank as number | null,
			peers: peers as number | null,
			source: source === '' ? null : source.slice(0, 500)
		},
		issues
	};
}

/** A second row for the same indicator, region and year would silently overwrite the first. */
export function findDuplicateRows(records: StagedIndicatorRow[]): ImportIssue[] {
	const first = new Map<string, number>();
	const issues: ImportIssue[] = [];
	for (const record of records) {
		const key = `${record.indicatorKey}|${record.regionCode}|${record.year}`;
		const earlier = first.get(key);
		if (earlier === undefined) first.set(key, record.row);
		else
			issues.push({
				row: record.row,
				column: null,
				code: 'duplicate_row',
				params: { first: earlier }
			});
	}
	return issues;
}

export interface ValidatedImport {
	records: StagedIndicatorRow[];
	issues: ImportIssue[];
}

/** The whole sheet: header check, every row, then duplicates across rows. */
export function validateImportSheet(
	sheet: { headers: string[]; headerRow: number; rows: { row: number; cells: string[] }[] },
	context: ImportContext
): ValidatedImport {
	const header = mapImportHeaders(sheet.headers);
	if (header.missing.length > 0) {
		const issues = header.missing.map((column) => ({
			row: sheet.headerRow,
			column,
			code: 'missing_column' as const,
			params: { column }
		}));
		return { records: [], issues };
	}
	if (sheet.rows.length === 0) return fileProblem('empty_file', {});
	if (sheet.rows.length > MAX_IMPORT_ROWS) {
		return fileProblem('too_many_rows', { max: MAX_IMPORT_ROWS, count: sheet.rows.length });
	}
	const records: StagedIndicatorRow[] = [];
	const issues: ImportIssue[] = [];
	for (const { row, cells } of sheet.rows) {
		const raw: Partial<Record<ImportColumn, string>> = {};
		header.keys.forEach((key, index) => {
			if (key) raw[key] = cells[index] ?? '';
		});
		const result = validateImportRow(raw, row, context);
		if (result.record) records.push(result.record);
		issues.push(...result.issues);
	}
	issues.push(...findDuplicateRows(records));
	issues.sort((a, b) => a.row - b.row);
	return { records, issues };
}

function fileProblem(code: IssueCode, params: ImportIssue['params']): ValidatedImport {
	return { records: [], issues: [{ row: 1, column: null, code, params }] };
}

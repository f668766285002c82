/**
 * Reads the cells of one row: trims, checks presence and length, parses codes, enum words, months
 * and dates, and collects an issue for every cell it cannot use.
 */
import { matchWord, referenceColumns, type ReferenceEntity } from './reference-columns';
import type { ImportErrorCode, IssueParams, RowIssue } from './reference-issues';

/** Cells of one row by column key; missing keys read as blank. */
export type RawRow = Readonly<Record<string, string | undefined>>;

/** Letters, digits and . _ - ; codes go into URLs, file names and lookups, so no spaces. */
const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * Reads cells of one row and collects issues as it goes. Accessors return the parsed value, or a
 * blank of the right shape after recording an issue; callers only use the record when none arose.
 */
export class CellReader {
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

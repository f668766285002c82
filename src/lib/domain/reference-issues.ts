/** Problems found in a reference row or file, as codes the server words in the reader's language. */
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
	// Warnings: the file is imported, and the page says what was left out.
	| 'ignored_column'
	| 'title_rows_skipped'
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
	| 'code_taken'
	// Another import or form stored one of the file's codes while this import ran.
	| 'concurrent_change';

export type IssueParams = Record<string, string | number>;

/** One problem: the spreadsheet row (1 = the header row), the column key (or null), and why. */
export interface RowIssue {
	row: number;
	column: string | null;
	code: ImportErrorCode;
	params: IssueParams;
}

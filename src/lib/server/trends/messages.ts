import { m } from '$lib/paraglide/messages';
import { importColumns, type ImportIssue } from './validate';

export interface DescribedIssue {
	row: number;
	column: string;
	message: string;
}

/** An import problem in the request's language, with the column as the file's header reads. */
export function describeImportIssue(issue: ImportIssue): DescribedIssue {
	const p = issue.params;
	const text = (key: string) => String(p[key] ?? '');
	const messages: Record<ImportIssue['code'], () => string> = {
		missing_column: () => m.trends_issue_missing_column({ column: columnName(text('column')) }),
		empty_file: () => m.trends_issue_empty_file(),
		too_many_rows: () => m.trends_issue_too_many_rows({ count: text('count'), max: text('max') }),
		unknown_indicator: () => m.trends_issue_unknown_indicator({ value: text('value') }),
		unknown_region: () => m.trends_issue_unknown_region({ value: text('value') }),
		out_of_scope: () => m.trends_issue_out_of_scope({ value: text('value') }),
		bad_year: () =>
			m.trends_issue_bad_year({ value: text('value'), min: text('min'), max: text('max') }),
		bad_value: () => m.trends_issue_bad_value({ value: text('value') }),
		bad_rank: () => m.trends_issue_bad_rank({ value: text('value') }),
		bad_peers: () => m.trends_issue_bad_peers({ value: text('value') }),
		rank_over_peers: () =>
			m.trends_issue_rank_over_peers({ rank: text('rank'), peers: text('peers') }),
		duplicate_row: () => m.trends_issue_duplicate_row({ first: text('first') })
	};
	return {
		row: issue.row,
		column: issue.column ? columnName(issue.column) : '',
		message: messages[issue.code]()
	};
}

/** "区划代码 / region_code": both spellings the importer accepts. */
export function columnName(key: string): string {
	const column = importColumns.find((c) => c.key === key);
	return column ? `${column.zh} / ${column.key}` : key;
}

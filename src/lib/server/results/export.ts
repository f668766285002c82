/** CSV and XLSX renderings of a results report: one row per item, then one per pick or tick. */
import ExcelJS from 'exceljs';
import type { GroupSnapshot } from './groups';
import type { ReportView } from './view';

const columns = [
	'subject_id',
	'subject',
	'row_kind',
	'question',
	'rank',
	'headline',
	'suppressed',
	'ballots',
	'returned',
	'valid',
	'score',
	'score_total',
	'score_denominator',
	'weighted_score',
	'rate_percent',
	'rate_numerator',
	'rate_denominator'
] as const;

type Cell = string | number | boolean | null;

/**
 * Plain rows (header first). Rationals stay as the published text; suppressed cells stay empty.
 * TV audience ballots counted apart follow as rows of kind `audience_item` / `audience_selection`.
 */
export function reportRows(report: ReportView): Cell[][] {
	const rows: Cell[][] = [[...columns], ...bodyRows(report, '')];
	if (report.audience) rows.push(...bodyRows(report.audience, 'audience_'));
	return rows;
}

function bodyRows(report: ReportView, prefix: string): Cell[][] {
	const standings = new Map((report.rankings.main ?? []).map((s) => [s.subjectId, s]));
	const rows: Cell[][] = [];
	for (const item of report.items) {
		const standing = standings.get(item.subjectId);
		rows.push([
			item.subjectId,
			item.subject,
			`${prefix}item`,
			item.question,
			standing?.rank ?? null,
			standing?.figure ?? null,
			item.suppressed,
			item.ballots,
			item.returned,
			item.valid,
			item.score,
			item.scoreTotal,
			item.scoreDenominator,
			item.weighted,
			item.ratePercent,
			item.rateNumerator,
			item.rateDenominator
		]);
	}
	for (const s of report.selections)
		rows.push([
			/^\d+$/.test(s.key) ? Number(s.key) : null,
			s.label.zh,
			`${prefix}selection`,
			`${s.question}:${s.key}`,
			null,
			null,
			false,
			null,
			null,
			null,
			null,
			null,
			null,
			null,
			s.percent,
			s.count,
			s.denominator
		]);
	return rows;
}

function csvCell(value: Cell): string {
	if (value === null) return '';
	const text = String(value);
	// Quote anything a spreadsheet could misread; a leading = + - @ would run as a formula.
	const guarded = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function reportCsv(report: ReportView): string {
	// A BOM so spreadsheet programs open the Chinese labels as UTF-8.
	return (
		'\uFEFF' +
		reportRows(report)
			.map((row) => row.map(csvCell).join(','))
			.join('\r\n') +
		'\r\n'
	);
}

const groupColumns = [
	'group_id',
	'campaign_id',
	'subject_id',
	'member',
	'rank',
	'headline',
	'suppressed',
	'value_exact'
] as const;

/** A ranking group's combined ranking as CSV: one row per ranked member subject. */
export function groupCsv(snapshot: GroupSnapshot): string {
	const rows: Cell[][] = [
		[...groupColumns],
		...snapshot.ranking.map((s) => [
			snapshot.group.id,
			s.campaignId,
			s.subjectId,
			s.label,
			s.rank,
			s.suppressed ? null : s.display,
			s.suppressed,
			s.suppressed ? null : s.value
		])
	];
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function reportXlsx(report: ReportView, outcomes: Cell[][]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Minping';
	const results = workbook.addWorksheet('results');
	for (const row of reportRows(report)) results.addRow(row);
	results.getRow(1).font = { bold: true };
	results.views = [{ state: 'frozen', ySplit: 1 }];
	const ranking = workbook.addWorksheet('ranking');
	ranking.addRow(['ranking', 'rank', 'subject', 'figure', 'suppressed']);
	for (const [name, standings] of Object.entries(report.rankings))
		for (const s of standings) ranking.addRow([name, s.rank, s.subject, s.figure, s.suppressed]);
	for (const [name, standings] of Object.entries(report.audience?.rankings ?? {}))
		for (const s of standings)
			ranking.addRow([`audience_${name}`, s.rank, s.subject, s.figure, s.suppressed]);
	ranking.getRow(1).font = { bold: true };
	const decisions = workbook.addWorksheet('outcomes');
	for (const row of outcomes) decisions.addRow(row);
	decisions.getRow(1).font = { bold: true };
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

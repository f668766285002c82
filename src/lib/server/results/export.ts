/** CSV and XLSX renderings of a results report: one row per item, then one per pick or tick. */
import ExcelJS from 'exceljs';
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

/** Plain rows (header first). Rationals stay as the published text; suppressed cells stay empty. */
export function reportRows(report: ReportView): Cell[][] {
	const standings = new Map((report.rankings.main ?? []).map((s) => [s.subjectId, s]));
	const rows: Cell[][] = [[...columns]];
	for (const item of report.items) {
		const standing = standings.get(item.subjectId);
		rows.push([
			item.subjectId,
			item.subject,
			'item',
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
			'selection',
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
	ranking.getRow(1).font = { bold: true };
	const decisions = workbook.addWorksheet('outcomes');
	for (const row of outcomes) decisions.addRow(row);
	decisions.getRow(1).font = { bold: true };
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * CSV files of the dashboard's tables. The figures are the stored exact decimals (not rounded), so
 * a spreadsheet gets every digit; a byte-order mark makes Excel read the UTF-8 correctly.
 */
import { yearOverYear } from '$lib/charts/series';
import type { TrendData, TrendPoint } from '$lib/charts/options/types';
import type { Dashboard } from './dashboard';

export const exportTables = ['values', 'ranks', 'averages', 'changes', 'units'] as const;
export type ExportTable = (typeof exportTables)[number];

function csvCell(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	// Quote anything with a separator, quote or line break; a leading = + - @ would be read as a
	// formula by spreadsheet programs, so such text cells get a leading apostrophe.
	const safe = /^[=+@]/.test(text) || (/^-/.test(text) && !/^-\d/.test(text)) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
	const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export interface ExportHeaders {
	code: string;
	region: string;
	year: string;
	value: string;
	rank: string;
	peers: string;
	source: string;
	origin: string;
	count: string;
	change: string;
	unit: string;
	period: string;
	campaign: string;
}

/** How the 来源 column names a source, in the request's language. */
export interface SourceWords {
	/** An imported value whose file named no document: the uploaded file. */
	file: (file: string) => string;
	/** An imported value with nothing recorded. */
	unrecorded: string;
	/** A computed value: its campaign, with the title when it is known. */
	campaign: (id: number, title: string | undefined) => string;
}

/** The campaigns the computed values among these points come from. */
export function campaignIdsOf(points: readonly TrendPoint[]): number[] {
	return [...new Set(points.flatMap((p) => (p.campaignId === undefined ? [] : [p.campaignId])))];
}

/** A value's source as stored: the imported document, else the file, else its campaign. */
export function sourceText(
	point: TrendPoint,
	data: Pick<TrendData, 'documents'>,
	words: SourceWords,
	campaignTitles: ReadonlyMap<number, string>
): string {
	if (point.source === 'computed') {
		return point.campaignId === undefined
			? ''
			: words.campaign(point.campaignId, campaignTitles.get(point.campaignId));
	}
	const document = point.document === undefined ? undefined : data.documents[point.document];
	if (document?.title) return document.title;
	return document?.file ? words.file(document.file) : words.unrecorded;
}

/** Header row and data rows of one table, or null when the table does not apply (units above a district). */
export function exportRows(
	dashboard: Dashboard,
	which: ExportTable,
	h: ExportHeaders,
	sources: { words: SourceWords; campaignTitles: ReadonlyMap<number, string> }
): { headers: string[]; rows: (string | number | null)[][] } | null {
	const { data } = dashboard;
	const names = new Map(data.regions.map((r) => [r.id, r]));
	if (which === 'values' || which === 'ranks') {
		return {
			headers: [h.code, h.region, h.year, h.value, h.rank, h.peers, h.source, h.origin],
			rows: data.points.map((p) => {
				const region = names.get(p.regionId);
				const source = sourceText(p, data, sources.words, sources.campaignTitles);
				return [
					region?.code ?? '',
					region?.name ?? '',
					p.year,
					p.value,
					p.rank,
					p.peers,
					source,
					p.source
				];
			})
		};
	}
	if (which === 'averages') {
		return {
			headers: [h.year, h.value, h.count],
			rows: data.averages.map((a) => [a.year, a.value, a.count])
		};
	}
	if (which === 'changes') {
		const year = dashboard.filters.toYear;
		return {
			headers: [
				h.code,
				h.region,
				`${h.value} ${year - 1}`,
				`${h.value} ${year}`,
				h.change,
				`${h.rank} ${year - 1}`,
				`${h.rank} ${year}`
			],
			rows: yearOverYear(data, year).map((row) => {
				const region = names.get(row.regionId);
				return [
					region?.code ?? '',
					region?.name ?? '',
					row.previous?.value ?? null,
					row.current?.value ?? null,
					row.change,
					row.previous?.rank ?? null,
					row.current?.rank ?? null
				];
			})
		};
	}
	if (dashboard.unitScores === null) return null;
	return {
		headers: [h.code, h.unit, h.year, h.period, h.value, h.rank, h.peers, h.campaign],
		rows: dashboard.unitScores.map((s) => [
			s.unitCode,
			s.unitName,
			s.year,
			s.period,
			s.value,
			s.rank,
			s.peers,
			s.campaignId
		])
	};
}

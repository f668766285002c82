/**
 * Pure shaping of trend data for charts and their table alternatives. Displayed figures are rounded
 * exactly (rationals from the stored decimal text); numbers are used only to place marks on a chart.
 */
import {
	compare,
	fromDecimal,
	sub,
	toDecimalString,
	toNumber,
	type Rational
} from '$lib/domain/scoring/rational';
import type { TrendData, TrendDocument, TrendPoint } from './options/types';

/** Point by region id, then by year. */
export function pointGrid(data: Pick<TrendData, 'points'>): Map<number, Map<number, TrendPoint>> {
	const grid = new Map<number, Map<number, TrendPoint>>();
	for (const point of data.points) {
		const row = grid.get(point.regionId) ?? new Map<number, TrendPoint>();
		row.set(point.year, point);
		grid.set(point.regionId, row);
	}
	return grid;
}

/** The stored text as a chart coordinate (never shown as a figure). */
export function chartNumber(value: string | null | undefined): number | null {
	return value === null || value === undefined ? null : toNumber(fromDecimal(value));
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "84.36", "1,234.50" or "1,234.50" in the locale's grouping, rounded half-up exactly. */
export function formatDecimal(value: string, precision: number, locale = 'zh-CN'): string {
	const rounded = toDecimalString(fromDecimal(value), precision, 'half-up');
	const key = `${locale}|${precision}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			minimumFractionDigits: precision,
			maximumFractionDigits: precision
		});
		formatters.set(key, format);
	}
	// The rounded text has at most `precision` places, so Number() and back is exact for display.
	return format.format(Number(rounded));
}

export type Direction = 'up' | 'down' | 'same';

export interface ChangeRow {
	regionId: number;
	previous: TrendPoint | null;
	current: TrendPoint | null;
	/** current − previous, exact; null when either year is missing. */
	change: string | null;
	direction: Direction | null;
	/** Places gained (positive) or lost (negative); rank 9 → 4 is +5. */
	placesGained: number | null;
}

function directionOf(change: Rational): Direction {
	const sign = compare(change, fromDecimal(0));
	return sign > 0 ? 'up' : sign < 0 ? 'down' : 'same';
}

/** Year-over-year changes between `year - 1` and `year`, one row per region. */
export function yearOverYear(
	data: Pick<TrendData, 'points' | 'regions'>,
	year: number
): ChangeRow[] {
	const grid = pointGrid(data);
	return data.regions.map((region) => {
		const previous = grid.get(region.id)?.get(year - 1) ?? null;
		const current = grid.get(region.id)?.get(year) ?? null;
		const difference =
			previous && current ? sub(fromDecimal(current.value), fromDecimal(previous.value)) : null;
		const placesGained =
			previous?.rank != null && current?.rank != null ? previous.rank - current.rank : null;
		return {
			regionId: region.id,
			previous,
			current,
			change: difference ? toDecimalString(difference, 6).replace(/\.?0+$/, '') || '0' : null,
			direction: difference ? directionOf(difference) : null,
			placesGained
		};
	});
}

/** A region's ranks over the years, "17 → 9 → 4", skipping years without a rank. */
export function rankPath(points: TrendPoint[], regionId: number): string {
	return points
		.filter((p) => p.regionId === regionId && p.rank !== null)
		.sort((a, b) => a.year - b.year)
		.map((p) => String(p.rank))
		.join(' → ');
}

/** Smallest and largest of the values (points, averages), for a chart's scale. */
export function valueExtent(values: readonly { value: string }[]): [number, number] | null {
	if (values.length === 0) return null;
	const numbers = values.map((v) => chartNumber(v.value) as number);
	return [Math.min(...numbers), Math.max(...numbers)];
}

export interface SourceSummary {
	/** The distinct documents of the imported values, in the order the data lists them. */
	documents: TrendDocument[];
	/** How many imported values have no source recorded. */
	unrecorded: number;
	/** The distinct campaigns the computed values come from, ascending. */
	campaignIds: number[];
}

/** Where the given values come from, each source once (the sources note under a chart or table). */
export function summariseSources(
	data: Pick<TrendData, 'documents'>,
	points: readonly TrendPoint[]
): SourceSummary {
	const documents = new Set<number>();
	const campaigns = new Set<number>();
	let unrecorded = 0;
	for (const point of points) {
		if (point.source === 'computed') {
			if (point.campaignId !== undefined) campaigns.add(point.campaignId);
		} else if (point.document !== undefined && data.documents[point.document]) {
			documents.add(point.document);
		} else {
			unrecorded++;
		}
	}
	return {
		documents: [...documents].sort((a, b) => a - b).map((index) => data.documents[index]),
		unrecorded,
		campaignIds: [...campaigns].sort((a, b) => a - b)
	};
}

/**
 * The dashboard's GET filters (indicator, years, region, level), parsed from the query string.
 * Anything missing or not allowed falls back to a default the reader may see, so a hand-edited
 * URL never shows data outside the reader's scope or an error page.
 */
import type { TrendLevel } from './queries';

export interface FilterChoices {
	indicatorKeys: string[];
	/** Areas the reader may choose, in code order; the first with no visible parent is the default. */
	areas: { id: number; level: TrendLevel; parentId: number | null }[];
	yearBounds: { min: number; max: number } | null;
	currentYear: number;
}

export interface TrendFilters {
	indicatorKey: string;
	areaId: number | null;
	level: TrendLevel;
	fromYear: number;
	toYear: number;
	/** A region to highlight in the rank chart; checked against the shown regions later. */
	focusId: number | null;
}

const levelBelow: Record<TrendLevel, TrendLevel> = {
	province: 'city',
	city: 'district',
	district: 'district'
};
const depth: Record<TrendLevel, number> = { province: 0, city: 1, district: 2 };

function intParam(params: URLSearchParams, name: string): number | null {
	const text = params.get(name)?.trim() ?? '';
	return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

export function parseTrendFilters(params: URLSearchParams, choices: FilterChoices): TrendFilters {
	const wantedIndicator = params.get('indicator') ?? '';
	const indicatorKey = choices.indicatorKeys.includes(wantedIndicator)
		? wantedIndicator
		: (choices.indicatorKeys[0] ?? 'credibility');
	const visible = new Set(choices.areas.map((a) => a.id));
	const top = choices.areas.find((a) => a.parentId === null || !visible.has(a.parentId));
	const wantedArea = intParam(params, 'region');
	const area = choices.areas.find((a) => a.id === wantedArea) ?? top ?? null;
	const wantedLevel = params.get('level') as TrendLevel | null;
	// A level above the area shows nothing useful; the area's own level or one below it does.
	const level =
		area && wantedLevel && wantedLevel in depth && depth[wantedLevel] >= depth[area.level]
			? wantedLevel
			: area
				? levelBelow[area.level]
				: 'city';
	const bounds = choices.yearBounds ?? { min: choices.currentYear - 9, max: choices.currentYear };
	let fromYear = intParam(params, 'from') ?? bounds.min;
	let toYear = intParam(params, 'to') ?? bounds.max;
	fromYear = Math.min(Math.max(fromYear, 1949), 2200);
	toYear = Math.min(Math.max(toYear, 1949), 2200);
	if (fromYear > toYear) [fromYear, toYear] = [toYear, fromYear];
	// Forty columns is past what any table or chart here can show legibly.
	if (toYear - fromYear > 39) fromYear = toYear - 39;
	const focusId = intParam(params, 'focus');
	return { indicatorKey, areaId: area?.id ?? null, level, fromYear, toYear, focusId };
}

/** The query string for a filter set (links for drill-down and exports). */
export function filterQuery(filters: TrendFilters, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams({
		indicator: filters.indicatorKey,
		...(filters.areaId === null ? {} : { region: String(filters.areaId) }),
		level: filters.level,
		from: String(filters.fromYear),
		to: String(filters.toYear),
		...(filters.focusId === null ? {} : { focus: String(filters.focusId) }),
		...extra
	});
	return params.toString();
}

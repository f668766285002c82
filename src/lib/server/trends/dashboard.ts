/**
 * Everything the /trends page and its CSV export show, for one reader and one filter set. Reads
 * only the rollup tables (see queries.ts); the scope comes from the reader's leader grants.
 */
import type { Database } from '$lib/server/db';
import type { AuthUser } from '$lib/server/auth/types';
import { regionScope } from '$lib/server/auth/region-scope';
import type { Indicator } from '$lib/server/db/schema';
import type { TrendData, TrendIndicator } from '$lib/charts/options/types';
import { filterQuery, parseTrendFilters, type TrendFilters } from './filters';
import { listIndicators } from './indicators';
import {
	getSeries,
	getYearBounds,
	listAreaChoices,
	listUnitScores,
	type AreaChoice,
	type SeriesQuery,
	type TrendLevel,
	type UnitScore
} from './queries';
import { readTrendsVersion, seriesCacheOf } from './series-cache';

export interface Dashboard {
	filters: TrendFilters;
	indicators: { key: string; name: string; definition: string }[];
	areas: AreaChoice[];
	/** The chosen area and the areas above it that the reader may open, top first. */
	trail: AreaChoice[];
	data: TrendData;
	/** Where each shown region's name leads: one level down (city → its districts → its units). */
	drillDown: Record<number, string>;
	/** Units' computed scores when the area is one district; null when the area is larger. */
	unitScores: UnitScore[] | null;
	query: string;
}

export function indicatorView(indicator: Indicator, locale: string): TrendIndicator {
	return {
		key: indicator.key,
		name: locale === 'en' ? indicator.nameEn : indicator.nameZh,
		unit: indicator.unit,
		precision: indicator.precision,
		higherIsBetter: indicator.higherIsBetter
	};
}

function yearsBetween(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export async function loadDashboard(
	db: Database,
	user: AuthUser | null,
	params: URLSearchParams,
	options: { locale: string; averageLabel: (parent: string) => string; now?: Date }
): Promise<Dashboard> {
	const [scope, indicators, version] = await Promise.all([
		regionScope(db, user, 'leader'),
		listIndicators(db),
		readTrendsVersion(db)
	]);
	const wanted = indicators.find((i) => i.key === params.get('indicator')) ?? indicators[0];
	const [areas, yearBounds] = await Promise.all([
		listAreaChoices(db, scope),
		getYearBounds(db, wanted.id)
	]);
	const filters = parseTrendFilters(params, {
		indicatorKeys: indicators.map((i) => i.key),
		areas,
		yearBounds,
		currentYear: (options.now ?? new Date()).getUTCFullYear()
	});
	const indicator = indicators.find((i) => i.key === filters.indicatorKey) as Indicator;
	const area = areas.find((a) => a.id === filters.areaId) ?? null;
	// The series and a district's unit scores do not depend on each other: read them at once.
	const [series, unitScores] = await Promise.all([
		filters.areaId === null
			? { regions: [], points: [], averages: [], documents: [], parent: null }
			: seriesAsOf(db, version, {
					indicatorId: indicator.id,
					areaId: filters.areaId,
					level: filters.level,
					fromYear: filters.fromYear,
					toYear: filters.toYear,
					scope
				}),
		area?.level === 'district'
			? listUnitScores(db, {
					regionId: area.id,
					indicatorKey: 'unit_evaluation_score',
					fromYear: filters.fromYear,
					toYear: filters.toYear
				})
			: null
	]);
	if (!series.regions.some((r) => r.id === filters.focusId)) filters.focusId = null;
	return {
		filters,
		indicators: indicators.map((i) => ({
			key: i.key,
			name: options.locale === 'en' ? i.nameEn : i.nameZh,
			definition: options.locale === 'en' ? i.definitionEn : i.definitionZh
		})),
		areas,
		trail: trailOf(areas, area),
		data: {
			indicator: indicatorView(indicator, options.locale),
			years: yearsBetween(filters.fromYear, filters.toYear),
			regions: series.regions,
			points: series.points,
			averages: series.averages,
			documents: series.documents,
			averageLabel: series.parent ? options.averageLabel(series.parent.name) : ''
		},
		drillDown: drillDownLinks(series.regions, filters),
		unitScores,
		query: filterQuery(filters)
	};
}

/** From the series cache when the version is known, read afresh when it is not. */
function seriesAsOf(db: Database, version: number | null, query: SeriesQuery) {
	const read = (q: SeriesQuery) => getSeries(db, q);
	return version === null ? read(query) : seriesCacheOf(db).get(version, query, read);
}

function trailOf(areas: AreaChoice[], area: AreaChoice | null): AreaChoice[] {
	const byId = new Map(areas.map((a) => [a.id, a]));
	const trail: AreaChoice[] = [];
	for (let at = area; at; at = at.parentId === null ? null : (byId.get(at.parentId) ?? null)) {
		trail.unshift(at);
	}
	return trail;
}

const nextLevel: Record<TrendLevel, TrendLevel> = {
	province: 'city',
	city: 'district',
	district: 'district'
};

function drillDownLinks(regions: { id: number }[], filters: TrendFilters): Record<number, string> {
	return Object.fromEntries(
		regions.map((region) => [
			region.id,
			`/trends?${filterQuery({ ...filters, areaId: region.id, level: nextLevel[filters.level], focusId: null })}`
		])
	);
}

/**
 * Dashboard reads. Every query here reads only the rollup (`indicator_value`,
 * `unit_indicator_value`) and the region/unit tables, keyed by indicator, region and year: a page
 * view never touches ballots. Averages are SQL AVG over the peer regions' rows at query time (see
 * docs/TRENDS.md for why this beats a second materialized table here).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import type {
	AveragePoint,
	TrendDocument,
	TrendPoint,
	TrendRegion
} from '$lib/charts/options/types';
import { pointsWithDocuments, type PointRow } from './sources';

type Reader = Pick<Database, 'execute'>;

export type TrendLevel = 'province' | 'city' | 'district';
export const trendLevels: readonly TrendLevel[] = ['province', 'city', 'district'];

export interface SeriesQuery {
	indicatorId: number;
	/** The area whose regions are shown: itself, or its descendants at `level`. */
	areaId: number;
	level: TrendLevel;
	fromYear: number;
	toYear: number;
	/** regionScope()'s answer: null for everything, otherwise the visible region ids. */
	scope: number[] | null;
}

export interface SeriesResult {
	regions: TrendRegion[];
	points: TrendPoint[];
	averages: AveragePoint[];
	/** The distinct sources of the imported points (`TrendPoint.document` indexes it). */
	documents: TrendDocument[];
	/** The one parent all shown regions share (for the average's label), if they share one. */
	parent: TrendRegion | null;
}

const noSeries = (): SeriesResult => ({
	regions: [],
	points: [],
	averages: [],
	documents: [],
	parent: null
});

function idList(ids: number[]): SQL {
	return sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `
	);
}

/** The shown regions as a CTE body: at `level`, inside the area, inside the scope. */
function shownRegions(query: SeriesQuery): SQL {
	// regionScope() answers a granted region with everything below it, so when the area itself is
	// in scope so is every region under it: no need to test a few hundred ids per row then.
	const unrestricted = query.scope === null || query.scope.includes(query.areaId);
	const scope = unrestricted ? sql`` : sql`and r.id in (${idList(query.scope ?? [])})`;
	return sql`
		with recursive area(id) as (
			select id from region where id = ${query.areaId}
			union
			select r.id from region r join area a on r.parent_id = a.id where r.level <> 'township'
		),
		shown as (
			select r.id, r.code, r.name, r.parent_id from region r
			where r.id in (select id from area) and r.level = ${query.level}
				and r.archived_at is null ${scope}
		)`;
}

/** One value per region and year: the official figure when there is one, else the latest computed. */
function bestValues(query: SeriesQuery, regionFilter: SQL, extra: SQL = sql``): SQL {
	return sql`
		select distinct on (v.region_id, v.year) v.region_id, v.year, v.value::text as value,
			v.rank, v.peers, v.source::text as source ${extra}
		from indicator_value v
		where v.indicator_id = ${query.indicatorId} and v.year between ${query.fromYear} and ${query.toYear}
			and v.region_id in (${regionFilter})
		order by v.region_id, v.year, (v.source = 'imported') desc, v.period desc`;
}

/**
 * The shown values with where each comes from: the import's source document as stored, or, when
 * the file named none, the uploaded file's name (looked up only for those rows).
 */
function valuesWithSources(query: SeriesQuery): SQL {
	return sql`
		select b.*, case when b.source_document is null then ib.file_name end as file_name
		from (${bestValues(
			query,
			sql`select id from shown`,
			sql`, v.source_document, v.campaign_id, v.import_batch_id`
		)}) b
		left join import_batch ib on ib.id = b.import_batch_id and b.source_document is null
		order by b.region_id, b.year`;
}

/**
 * The series, in four queries that run at once (on PostgreSQL, on as many pooled connections):
 * the shown regions, their values, the peer averages and the shared parent. Each one restates the
 * shown regions as the same CTE (a few hundred region rows) rather than waiting for the first
 * query's ids, so a page view costs one round trip here, not four in a row.
 */
export async function getSeries(db: Reader, query: SeriesQuery): Promise<SeriesResult> {
	if (query.scope !== null && query.scope.length === 0) return noSeries();
	const shown = shownRegions(query);
	const [regionRows, { points, documents }, averages, parents] = await Promise.all([
		db
			.execute(sql`${shown} select * from shown order by code`)
			.then((r) => rowsOf<{ id: number; code: string; name: string; parent_id: number | null }>(r)),
		db
			.execute(sql`${shown} ${valuesWithSources(query)}`)
			.then((r) => pointsWithDocuments(rowsOf<PointRow>(r))),
		averageOf(db, query, shown),
		// The one parent all shown regions share (for the average's label), if they share one.
		db
			.execute(
				sql`${shown} select p.id, p.code, p.name from region p
					where p.id = (select min(parent_id) from shown having count(distinct parent_id) = 1)`
			)
			.then((r) => rowsOf<TrendRegion>(r))
	]);
	if (regionRows.length === 0) return noSeries();
	const [parent] = parents;
	return {
		regions: regionRows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name })),
		points,
		documents,
		averages,
		parent: parent ? { id: Number(parent.id), code: parent.code, name: parent.name } : null
	};
}

/**
 * Peers: every region at the level under the shown regions' parents, whether or not the reader
 * may see each one; only the aggregate is shown, as official reports compare against it.
 */
async function averageOf(db: Reader, query: SeriesQuery, shown: SQL): Promise<AveragePoint[]> {
	const peers = sql`select id from region where level = ${query.level}
		and parent_id in (select parent_id from shown)`;
	const rows = rowsOf<{ year: number; value: string; count: number }>(
		await db.execute(sql`${shown}
			select b.year, avg(b.value::numeric)::text as value, count(*)::int as count
			from (${bestValues(query, peers)}) b
			group by b.year order by b.year`)
	);
	return rows.map((r) => ({ year: Number(r.year), value: r.value, count: Number(r.count) }));
}

export async function getRegion(db: Reader, id: number): Promise<TrendRegion | null> {
	const [row] = rowsOf<TrendRegion>(
		await db.execute(sql`select id, code, name from region where id = ${id}`)
	);
	return row ? { id: Number(row.id), code: row.code, name: row.name } : null;
}

export interface AreaChoice extends TrendRegion {
	level: TrendLevel;
	parentId: number | null;
}

/** Regions a reader may pick as the area: province, cities and districts in their scope. */
export async function listAreaChoices(db: Reader, scope: number[] | null): Promise<AreaChoice[]> {
	if (scope !== null && scope.length === 0) return [];
	const filter = scope === null ? sql`` : sql`and id in (${idList(scope)})`;
	const rows = rowsOf<{
		id: number;
		code: string;
		name: string;
		level: TrendLevel;
		parent_id: number | null;
	}>(
		await db.execute(sql`
			select id, code, name, level::text as level, parent_id from region
			where level <> 'township' and archived_at is null ${filter}
			order by code`)
	);
	return rows.map((r) => ({
		id: Number(r.id),
		code: r.code,
		name: r.name,
		level: r.level,
		parentId: r.parent_id === null ? null : Number(r.parent_id)
	}));
}

/** The years that hold any value of the indicator, for the year filter's bounds. */
export async function getYearBounds(
	db: Reader,
	indicatorId: number
): Promise<{ min: number; max: number } | null> {
	const [row] = rowsOf<{ min: number | null; max: number | null }>(
		await db.execute(sql`
			select min(year) as min, max(year) as max from indicator_value where indicator_id = ${indicatorId}`)
	);
	return row?.min == null ? null : { min: Number(row.min), max: Number(row.max) };
}

export interface UnitScore {
	unitId: number;
	unitCode: string;
	unitName: string;
	year: number;
	period: string;
	value: string;
	rank: number | null;
	peers: number | null;
	campaignId: number;
}

/** Units' computed evaluation scores in one region (the drill-down below a district). */
export async function listUnitScores(
	db: Reader,
	query: { regionId: number; indicatorKey: string; fromYear: number; toYear: number }
): Promise<UnitScore[]> {
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select u.id as unit_id, u.code as unit_code, u.name as unit_name, v.year, v.period,
				v.value::text as value, v.rank, v.peers, v.campaign_id
			from unit_indicator_value v
			join unit u on u.id = v.unit_id
			join indicator i on i.id = v.indicator_id
			where u.region_id = ${query.regionId} and i.key = ${query.indicatorKey}
				and v.year between ${query.fromYear} and ${query.toYear}
			order by v.year desc, v.period desc, v.rank nulls last, u.code`)
	);
	return rows.map((r) => ({
		unitId: Number(r.unit_id),
		unitCode: String(r.unit_code),
		unitName: String(r.unit_name),
		year: Number(r.year),
		period: String(r.period),
		value: String(r.value),
		rank: r.rank === null ? null : Number(r.rank),
		peers: r.peers === null ? null : Number(r.peers),
		campaignId: Number(r.campaign_id)
	}));
}

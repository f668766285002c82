/**
 * The dashboards' answer computed the slow way, from raw ballots: each district's satisfied rate
 * per year straight from ballot_answer, and the peer average over them. Used only to check the
 * rollup against the ballots (tests) and to measure what the rollup saves (the benchmark); no page
 * runs this.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db/connect';
import { rowsOf } from '$lib/server/db/rows';
import { surveyRateIndicators } from '$lib/server/results/indicators';
import { excludedKeys, satisfiedKeys } from './generate';

export interface RawSeriesQuery {
	indicatorKey: string;
	/** Regions whose own values are returned. */
	regionIds: number[];
	/** Regions the average is taken over (the shown regions' peers); includes regionIds. */
	peerIds: number[];
	fromYear: number;
	toYear: number;
}

export interface RawSeries {
	points: { regionId: number; year: number; value: string }[];
	averages: { year: number; value: string; count: number }[];
}

const list = (items: (number | string)[]) =>
	sql.join(
		items.map((x) => sql`${x}`),
		sql`, `
	);

export async function rawSeries(
	db: Pick<Database, 'execute'>,
	query: RawSeriesQuery
): Promise<RawSeries> {
	// The same mapping publication uses (results/indicators.ts): which question feeds the indicator.
	const question = Object.entries(surveyRateIndicators)
		.map(([key, indicatorKey]) => ({ key, indicatorKey }))
		.find((q) => q.indicatorKey === query.indicatorKey);
	if (!question) throw new RangeError(`no survey question feeds ${query.indicatorKey}`);
	if (query.peerIds.length === 0) return { points: [], averages: [] };
	const rows = rowsOf<{
		region_id: number;
		year: number;
		value: string;
		average: string;
		n: number;
	}>(
		await db.execute(sql`
			with per as (
				select c.region_id, extract(year from c.closes_at at time zone 'UTC')::int as year,
					count(*) filter (where a.option_key in (${list(satisfiedKeys)})) as satisfied,
					count(*) filter (where a.option_key not in (${list(excludedKeys)})) as valid
				from campaign c
				join question q on q.campaign_id = c.id and q.key = ${question.key}
				join ballot b on b.campaign_id = c.id
				join ballot_answer a on a.ballot_id = b.id and a.question_id = q.id
				where c.kind = 'satisfaction_survey' and c.state = 'published' and not c.test_mode
					and c.region_id in (${list(query.peerIds)})
					and c.closes_at >= make_timestamptz(${query.fromYear}, 1, 1, 0, 0, 0, 'UTC')
					and c.closes_at < make_timestamptz(${query.toYear + 1}, 1, 1, 0, 0, 0, 'UTC')
				group by 1, 2
			),
			val as (
				select region_id, year, round(100 * satisfied::numeric / valid, 4) as value
				from per where valid > 0
			)
			select region_id, year, value::text as value,
				(avg(value) over (partition by year))::text as average,
				(count(*) over (partition by year))::int as n
			from val order by region_id, year`)
	);
	const shown = new Set(query.regionIds);
	const averages = new Map<number, { year: number; value: string; count: number }>();
	for (const r of rows)
		averages.set(Number(r.year), { year: Number(r.year), value: r.average, count: Number(r.n) });
	return {
		points: rows
			.filter((r) => shown.has(Number(r.region_id)))
			.map((r) => ({ regionId: Number(r.region_id), year: Number(r.year), value: r.value })),
		averages: [...averages.values()].sort((a, b) => a.year - b.year)
	};
}

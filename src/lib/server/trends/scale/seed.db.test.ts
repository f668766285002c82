import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database';
import { rowsOf } from '$lib/server/db/rows';
import { computeResults } from '$lib/server/results/compute';
import { canonicalSnapshot } from '$lib/server/results/snapshot';
import { getSeries } from '../queries';
import { surveyRateIndicators } from '$lib/server/results/indicators';
import { defaultScaleOptions, scaleProvinceCode } from './generate';
import { rawSeries } from './raw';
import {
	pgliteMaxBallots,
	scaleDatasetState,
	ScaleSeedRefusedError,
	seedScale,
	type ScaleProgress
} from './seed';

const options = { ...defaultScaleOptions, ballots: 3_000, districts: 18, years: 3 };
const years = { fromYear: options.firstYear, toYear: options.firstYear + options.years - 1 };

let database: TestDatabase;
const phases: ScaleProgress['phase'][] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	await seedScale(database, { ...options, onProgress: (p) => void phases.push(p.phase) });
}, 120_000);
afterAll(() => database.dispose());

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
	return rowsOf<T>(await database.db.execute(query))[0];
}

async function regionId(code: string): Promise<number> {
	return Number((await one<{ id: number }>(sql`select id from region where code = ${code}`)).id);
}

describe('seedScale at a small size', () => {
	it('writes the regions, surveys, ballots, answers, results and rollup it promises', async () => {
		const counts = await one<Record<string, number>>(sql`
			select
				(select count(*)::int from region where code like '98%') as regions,
				(select count(*)::int from campaign where state = 'published' and kind = 'satisfaction_survey') as campaigns,
				(select count(*)::int from campaign_subject) as subjects,
				(select count(*)::int from question) as questions,
				(select count(*)::int from ballot) as ballots,
				(select count(*)::int from ballot_answer) as answers,
				(select count(*)::int from result) as results,
				(select count(*)::int from indicator_value where source = 'computed') as values,
				(select count(*)::int from indicator_value where rank is null or peers is null) as unranked`);
		expect(counts).toEqual({
			regions: 1 + 2 + 18,
			campaigns: 54,
			subjects: 54,
			questions: 216,
			ballots: 3_000,
			answers: 12_000,
			results: 54,
			values: 162,
			unranked: 0
		});
		expect(phases).toContain('ballots');
		expect(await scaleDatasetState(database.db)).toMatchObject({
			state: 'complete',
			details: { ballots: 3_000 }
		});
	});

	it('ranks each city’s districts per indicator and year, 1 to 15 and 1 to 3', async () => {
		// Three values per survey: the headline score and the two satisfied rates with an indicator.
		const groups = rowsOf<{ peers: number; ranks: number[] }>(
			await database.db.execute(sql`
				select max(v.peers)::int as peers, array_agg(v.rank order by v.rank) as ranks
				from indicator_value v join region r on r.id = v.region_id
				group by v.indicator_id, v.period, r.parent_id`)
		);
		expect(groups).toHaveLength(3 * 3 * 2);
		for (const g of groups) {
			expect([15, 3]).toContain(Number(g.peers));
			expect(g.ranks.map(Number).every((r) => r >= 1 && r <= Number(g.peers))).toBe(true);
		}
	});

	it('gives the dashboards exactly the answer raw ballots give, values and averages', async () => {
		const province = await regionId(scaleProvinceCode);
		for (const indicatorKey of Object.values(surveyRateIndicators)) {
			const indicator = await one<{ id: number }>(
				sql`select id from indicator where key = ${indicatorKey}`
			);
			for (const [areaId] of [[province], [await regionId('980100')]]) {
				const series = await getSeries(database.db, {
					indicatorId: Number(indicator.id),
					areaId,
					level: 'district',
					...years,
					scope: null
				});
				const ids = series.regions.map((r) => r.id);
				// A leader granted the area (scope = it and everything below) sees the same.
				const subtree = rowsOf<{ id: number }>(
					await database.db.execute(sql`
						with recursive t(id) as (select ${areaId}::int union select r.id from region r join t on r.parent_id = t.id)
						select id from t`)
				).map((r) => Number(r.id));
				const scoped = await getSeries(database.db, {
					indicatorId: Number(indicator.id),
					areaId,
					level: 'district',
					...years,
					scope: subtree
				});
				expect(scoped).toEqual(series);
				const raw = await rawSeries(database.db, {
					indicatorKey,
					regionIds: ids,
					peerIds: ids,
					...years
				});
				expect(series.points.length).toBe(ids.length * options.years);
				expect(series.points.map((p) => [p.regionId, p.year, p.value])).toEqual(
					raw.points.map((p) => [p.regionId, p.year, p.value])
				);
				expect(series.averages.map((a) => [a.year, a.value, a.count])).toEqual(
					raw.averages.map((a) => [a.year, a.value, a.count])
				);
			}
		}
	});

	it('stores the results publication would compute from the ballots in the database', async () => {
		const campaigns = rowsOf<{ id: number; snapshot: string }>(
			await database.db.execute(
				sql`select campaign_id as id, snapshot from result order by campaign_id limit 3`
			)
		);
		for (const c of campaigns) {
			const computed = await computeResults(database.db, Number(c.id));
			expect(canonicalSnapshot(computed!.snapshot)).toBe(c.snapshot);
		}
	});

	it('refuses to run again on the same database, writing nothing', async () => {
		await expect(seedScale(database, options)).rejects.toThrow(ScaleSeedRefusedError);
		const { n } = await one<{ n: number }>(sql`select count(*)::int as n from ballot`);
		expect(Number(n)).toBe(3_000);
	});

	it('refuses the full size on PGlite before writing anything', async () => {
		const handle = { db: database.db, kind: 'pglite' as const };
		await expect(
			seedScale(handle, { ...defaultScaleOptions, ballots: pgliteMaxBallots + 1 })
		).rejects.toThrow(/too many for the embedded database/);
	});
});

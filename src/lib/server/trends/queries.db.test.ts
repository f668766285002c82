import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { regionScope } from '$lib/server/auth/region-scope';
import { DEMO_SOURCE, generateDemoTrendRows, seedDemoTrends } from './demo-series';
import { listIndicators } from './indicators';
import { getSeries, listAreaChoices, listUnitScores, type SeriesQuery } from './queries';
import { listCampaignTitles } from './sources';
import { recordComputedIndicator } from './record';
import { createRegionTree, type RegionTree } from './test-fixtures';

let database: TestDatabase;
let tree: RegionTree;
let indicatorIds: Map<string, number>;
let campaignId: number;
beforeAll(async () => {
	database = await createTestDatabase();
	tree = await createRegionTree(database.db);
	indicatorIds = new Map((await listIndicators(database.db)).map((i) => [i.key, i.id]));
	const [created] = await database.db
		.insert(table.campaign)
		.values({ kind: 'unit_evaluation', title: '2024 单位评议', regionId: tree.city })
		.returning({ id: table.campaign.id });
	campaignId = created.id;
	await seedDemoTrends(database.db);
});
afterAll(() => database.dispose());

function districtsOfCity(indicatorKey: string, scope: number[] | null = null): SeriesQuery {
	return {
		indicatorId: indicatorIds.get(indicatorKey) as number,
		areaId: tree.city,
		level: 'district',
		fromYear: 2012,
		toYear: 2025,
		scope
	};
}

describe('seedDemoTrends', () => {
	it('gives 济川市 the credibility ranks 17, 9 and 4 in 2009–2011, 84.36 in 2011', async () => {
		const series = await getSeries(database.db, {
			indicatorId: indicatorIds.get('credibility') as number,
			areaId: tree.province,
			level: 'city',
			fromYear: 2009,
			toYear: 2011,
			scope: null
		});
		const jichuan = series.points.filter((p) => p.regionId === tree.city);
		expect(jichuan.map((p) => [p.year, p.rank, p.peers])).toEqual([
			[2009, 17, 17],
			[2010, 9, 17],
			[2011, 4, 17]
		]);
		expect(jichuan[2].value).toBe('84.36');
		expect(series.regions).toHaveLength(17);
		expect(series.averages.map((a) => a.count)).toEqual([17, 17, 17]);
	});

	it('writes the same rows every time and skips a second call', async () => {
		expect(generateDemoTrendRows(['990100', '990800'], ['990811'])).toEqual(
			generateDemoTrendRows(['990100', '990800'], ['990811'])
		);
		expect(await seedDemoTrends(database.db)).toEqual({ written: 0 });
	});
});

describe('getSeries', () => {
	it('averages the peer districts per year exactly (SQL AVG over numeric)', async () => {
		const series = await getSeries(database.db, districtsOfCity('org_work_satisfaction'));
		expect(series.regions.map((r) => r.code)).toEqual(tree.districtCodes);
		expect(series.parent?.name).toBe('济川市');
		const year2012 = series.points.filter((p) => p.year === 2012).map((p) => Number(p.value));
		const average = Number(series.averages[0].value);
		expect(average).toBeCloseTo(year2012.reduce((a, b) => a + b, 0) / year2012.length, 10);
	});

	it('shows a scoped leader only their district but averages over all its peers', async () => {
		const [leader] = await database.db
			.insert(table.appUser)
			.values({ kind: 'staff', email: 'leader@minping.test', displayName: 'leader' })
			.returning({ id: table.appUser.id });
		const user = {
			id: leader.id,
			email: 'leader@minping.test',
			displayName: 'leader',
			kind: 'staff' as const,
			roles: [{ role: 'leader' as const, regionId: tree.districts[0] }]
		};
		const scope = await regionScope(database.db, user, 'leader');
		const scoped = await getSeries(database.db, districtsOfCity('credibility', scope));
		const everything = await getSeries(database.db, districtsOfCity('credibility'));
		expect(scoped.regions.map((r) => r.id)).toEqual([tree.districts[0]]);
		expect(new Set(scoped.points.map((p) => p.regionId))).toEqual(new Set([tree.districts[0]]));
		expect(scoped.averages).toEqual(everything.averages);
		const choices = await listAreaChoices(database.db, scope);
		expect(choices.map((c) => c.id)).toEqual([tree.districts[0]]);
	});

	it('names the demo source document once, and every demo value refers to it', async () => {
		const series = await getSeries(database.db, districtsOfCity('credibility'));
		expect(series.documents).toEqual([{ title: DEMO_SOURCE, file: null }]);
		expect(series.points.length).toBeGreaterThan(0);
		expect(series.points.every((p) => p.document === 0 && p.campaignId === undefined)).toBe(true);
	});

	it('names the uploaded file when an import gave no document, and a computed value’s campaign', async () => {
		const indicatorId = indicatorIds.get('org_work_satisfaction') as number;
		const [batch] = await database.db
			.insert(table.importBatch)
			.values({ fileName: '满意度-2030.xlsx', rowCount: 1, status: 'confirmed', rows: [] })
			.returning({ id: table.importBatch.id });
		await database.db.insert(table.indicatorValue).values([
			{
				indicatorId,
				regionId: tree.districts[0],
				period: '2030',
				year: 2030,
				value: '90.5',
				source: 'imported',
				importBatchId: batch.id
			},
			{
				indicatorId,
				regionId: tree.districts[1],
				period: '2030',
				year: 2030,
				value: '91.5',
				source: 'computed',
				campaignId
			}
		]);
		const series = await getSeries(database.db, {
			...districtsOfCity('org_work_satisfaction'),
			fromYear: 2030,
			toYear: 2030
		});
		expect(series.documents).toEqual([{ title: null, file: '满意度-2030.xlsx' }]);
		expect(series.points.map((p) => [p.regionId, p.source, p.document, p.campaignId])).toEqual([
			[tree.districts[0], 'imported', 0, undefined],
			[tree.districts[1], 'computed', undefined, campaignId]
		]);
		expect(await listCampaignTitles(database.db, [campaignId])).toEqual(
			new Map([[campaignId, '2024 单位评议']])
		);
	});

	it('shows nothing to a reader with an empty scope', async () => {
		const series = await getSeries(database.db, districtsOfCity('credibility', []));
		expect(series).toEqual({ regions: [], points: [], averages: [], documents: [], parent: null });
	});
});

describe('recordComputedIndicator', () => {
	it('upserts a campaign’s district values and ranks the peer group', async () => {
		const base = {
			indicatorKey: 'selection_work_satisfaction',
			period: '2026',
			year: 2026,
			campaignId
		};
		await recordComputedIndicator(database.db, {
			...base,
			regionId: tree.districts[0],
			value: '97.5'
		});
		await recordComputedIndicator(database.db, {
			...base,
			regionId: tree.districts[1],
			value: '98.49'
		});
		// Publishing again (a corrected result) updates in place.
		await recordComputedIndicator(database.db, {
			...base,
			regionId: tree.districts[0],
			value: '99.2'
		});
		const series = await getSeries(database.db, {
			...districtsOfCity(base.indicatorKey),
			toYear: 2026
		});
		const computed = series.points.filter((p) => p.year === 2026);
		expect(computed.map((p) => [p.regionId, p.value, p.rank, p.peers, p.source])).toEqual([
			[tree.districts[0], '99.2', 1, 2, 'computed'],
			[tree.districts[1], '98.49', 2, 2, 'computed']
		]);
	});

	it('prefers the official figure over a computed one for the same region and year', async () => {
		await recordComputedIndicator(database.db, {
			indicatorKey: 'credibility',
			regionId: tree.districts[0],
			period: '2025',
			year: 2025,
			value: '1.00',
			campaignId
		});
		const series = await getSeries(database.db, districtsOfCity('credibility'));
		const point = series.points.find((p) => p.regionId === tree.districts[0] && p.year === 2025);
		expect(point?.source).toBe('imported');
		expect(point?.value).not.toBe('1.00');
	});

	it('records units’ scores for the drill-down, ranked within their region', async () => {
		const units = await database.db
			.insert(table.unit)
			.values([
				{ code: 'U1', name: '市场监管局', kind: 'department', regionId: tree.districts[0] },
				{ code: 'U2', name: '税务局', kind: 'law_enforcement', regionId: tree.districts[0] }
			])
			.returning({ id: table.unit.id });
		const base = { indicatorKey: 'unit_evaluation_score', period: '2024', year: 2024, campaignId };
		await recordComputedIndicator(database.db, { ...base, unitId: units[0].id, value: '88.125' });
		await recordComputedIndicator(database.db, { ...base, unitId: units[1].id, value: '91.5' });
		const scores = await listUnitScores(database.db, {
			regionId: tree.districts[0],
			indicatorKey: 'unit_evaluation_score',
			fromYear: 2024,
			toYear: 2024
		});
		expect(scores.map((s) => [s.unitName, s.value, s.rank, s.peers])).toEqual([
			['税务局', '91.5', 1, 2],
			['市场监管局', '88.125', 2, 2]
		]);
		const none = await listUnitScores(database.db, {
			regionId: tree.districts[1],
			indicatorKey: 'unit_evaluation_score',
			fromYear: 2000,
			toYear: 2030
		});
		expect(none).toEqual([]);
	});

	it('refuses a call naming both a region and a unit', async () => {
		await expect(
			recordComputedIndicator(database.db, {
				indicatorKey: 'credibility',
				regionId: tree.city,
				unitId: 1,
				period: '2024',
				year: 2024,
				value: '1',
				campaignId
			})
		).rejects.toThrow(/exactly one/);
		const rows = await database.db
			.select()
			.from(table.indicatorValue)
			.where(eq(table.indicatorValue.regionId, tree.city));
		expect(rows.every((row) => row.source === 'imported')).toBe(true);
	});
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { AuthUser } from '$lib/server/auth/types';
import * as table from '$lib/server/db/schema';
import { loadDashboard } from './dashboard';
import { listIndicators } from './indicators';
import { readTrendsVersion, seriesCacheOf } from './series-cache';
import { createRegionTree, type RegionTree } from './test-fixtures';

let database: TestDatabase;
let tree: RegionTree;
let credibilityId: number;
beforeAll(async () => {
	database = await createTestDatabase();
	tree = await createRegionTree(database.db);
	[{ id: credibilityId }] = (await listIndicators(database.db)).filter(
		(i) => i.key === 'credibility'
	);
});
afterAll(() => database.dispose());

const version = () => readTrendsVersion(database.db) as Promise<number>;

function valueRow(regionId: number, year: number, value: string) {
	return {
		indicatorId: credibilityId,
		regionId,
		period: String(year),
		year,
		value,
		source: 'imported' as const
	};
}

describe('trends_version', () => {
	it('goes up once per transaction that changes values, whatever the number of rows', async () => {
		const before = await version();
		await database.db
			.insert(table.indicatorValue)
			.values(tree.cities.map((id) => valueRow(id, 2020, '80')));
		expect(await version()).toBe(before + 1);
		await database.db.transaction(async (tx) => {
			await tx
				.update(table.indicatorValue)
				.set({ value: '81' })
				.where(eq(table.indicatorValue.year, 2020));
			await tx
				.update(table.region)
				.set({ name: '济川市（新）' })
				.where(eq(table.region.id, tree.city));
			await tx.delete(table.indicatorValue).where(eq(table.indicatorValue.regionId, tree.city));
		});
		expect(await version()).toBe(before + 2);
	});

	it('stays put for a rolled-back transaction and for tables a series does not read', async () => {
		const before = await version();
		await expect(
			database.db.transaction(async (tx) => {
				await tx.insert(table.indicatorValue).values(valueRow(tree.province, 2021, '70'));
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		await database.db
			.insert(table.unit)
			.values({ code: 'U-1', name: '某局', kind: 'department', regionId: tree.city });
		expect(await version()).toBe(before);
	});

	it('goes up when the values are truncated', async () => {
		const before = await version();
		await database.db.execute(sql`truncate indicator_value`);
		expect(await version()).toBe(before + 1);
	});
});

describe('loadDashboard with the series cache', () => {
	const admin: AuthUser = {
		id: 1,
		email: 'admin@minping.test',
		displayName: 'admin',
		kind: 'staff',
		roles: [{ role: 'admin', regionId: null }]
	};
	const view = () =>
		loadDashboard(
			database.db,
			admin,
			new URLSearchParams({
				indicator: 'credibility',
				region: String(tree.city),
				level: 'district',
				from: '2019',
				to: '2020'
			}),
			{ locale: 'zh-CN', averageLabel: (name) => name }
		);

	it('answers a repeated view from memory and shows a change at the next view', async () => {
		await database.db
			.insert(table.indicatorValue)
			.values(tree.districts.map((id) => valueRow(id, 2020, '75')));
		const cache = seriesCacheOf(database.db);
		const first = await view();
		const { hits } = cache.stats;
		const second = await view();
		expect(cache.stats.hits).toBe(hits + 1);
		expect(second.data.points).toEqual(first.data.points);
		expect(first.data.points.map((p) => p.value)).toEqual(['75', '75', '75', '75']);

		await database.db
			.update(table.indicatorValue)
			.set({ value: '90.5' })
			.where(eq(table.indicatorValue.regionId, tree.districts[0]));
		const third = await view();
		expect(third.data.points.find((p) => p.regionId === tree.districts[0])?.value).toBe('90.5');

		await database.db
			.update(table.region)
			.set({ name: '新区' })
			.where(eq(table.region.id, tree.districts[1]));
		const fourth = await view();
		expect(fourth.data.regions.find((r) => r.id === tree.districts[1])?.name).toBe('新区');
	});
});

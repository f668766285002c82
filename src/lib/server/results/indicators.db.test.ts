import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { publishResults } from './publish';
import { cast, criteria, closeFixture, openFixture } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('publication feeds the trend rollup', () => {
	it('records each evaluated unit’s published score and rank, and nothing before publication', async () => {
		const db = database.db;
		const [province] = await db
			.insert(table.region)
			.values({ code: '980000', name: '指标省', level: 'province' })
			.returning();
		const units = await db
			.insert(table.unit)
			.values(
				['甲局', '乙局'].map((name, i) => ({
					code: `IND-${i}`,
					name,
					kind: 'department' as const,
					regionId: province.id
				}))
			)
			.returning();
		const fixture = await openFixture(
			db,
			'unit_evaluation',
			units.map((u) => ({ kind: 'unit' as const, label: u.name, unitId: u.id }))
		);
		await cast(db, fixture, '甲局', 'service_users', criteria(90), 6);
		await cast(db, fixture, '乙局', 'service_users', criteria(70), 6);
		await closeFixture(db, fixture);
		const before = await db.select().from(table.unitIndicatorValue);
		expect(before).toEqual([]);

		await publishResults(db, fixture.id, null);
		const rows = await db
			.select()
			.from(table.unitIndicatorValue)
			.where(eq(table.unitIndicatorValue.campaignId, fixture.id));
		const byUnit = new Map(rows.map((r) => [r.unitId, r]));
		expect(Number(byUnit.get(units[0].id)?.value)).toBe(90);
		expect(byUnit.get(units[0].id)?.rank).toBe(1);
		expect(Number(byUnit.get(units[1].id)?.value)).toBe(70);
		expect(byUnit.get(units[1].id)?.rank).toBe(2);
		expect(rows.every((r) => r.peers === 2)).toBe(true);
	});

	it('files the values under the year the campaign closed in Beijing time', async () => {
		const db = database.db;
		const [region] = await db
			.insert(table.region)
			.values({ code: '981000', name: '跨年省', level: 'province' })
			.returning();
		const [unit] = await db
			.insert(table.unit)
			.values({ code: 'IND-NY', name: '跨年局', kind: 'department' as const, regionId: region.id })
			.returning();
		const fixture = await openFixture(db, 'unit_evaluation', [
			{ kind: 'unit' as const, label: unit.name, unitId: unit.id }
		]);
		await cast(db, fixture, '跨年局', 'service_users', criteria(80), 6);
		await closeFixture(db, fixture);
		// 01:00 on 1 January 2026 in Beijing, still 31 December 2025 in UTC.
		await db
			.update(table.campaign)
			.set({ closesAt: new Date('2025-12-31T17:00:00Z') })
			.where(eq(table.campaign.id, fixture.id));
		await publishResults(db, fixture.id, null);
		const [row] = await db
			.select()
			.from(table.unitIndicatorValue)
			.where(eq(table.unitIndicatorValue.campaignId, fixture.id));
		expect(row).toMatchObject({ year: 2026, period: '2026' });
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { getSubjectChoices } from './choices';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

/** A province with two cities; the first city has a district. One unit, window and cadre each. */
async function seed() {
	const db = database.db;
	const [province] = await db
		.insert(table.region)
		.values({ code: 'CH-P', name: '省', level: 'province' })
		.returning();
	const [east, west] = await db
		.insert(table.region)
		.values([
			{ code: 'CH-E', name: '东市', level: 'city', parentId: province.id },
			{ code: 'CH-W', name: '西市', level: 'city', parentId: province.id }
		])
		.returning();
	const [district] = await db
		.insert(table.region)
		.values({ code: 'CH-E1', name: '东区', level: 'district', parentId: east.id })
		.returning();
	const [tax, other] = await db
		.insert(table.unit)
		.values([
			{ code: 'CH-U1', name: '东区税务局', kind: 'department', regionId: district.id },
			{ code: 'CH-U2', name: '西市医保局', kind: 'department', regionId: west.id }
		])
		.returning();
	await db.insert(table.unit).values({
		code: 'CH-W1',
		name: '办税服务厅',
		kind: 'service_window',
		regionId: district.id,
		parentUnitId: tax.id
	});
	await db.insert(table.cadre).values([
		{
			code: 'CH-C1',
			name: '张三',
			unitId: tax.id,
			position: '科长',
			level: 'section',
			midLevel: true
		},
		{ code: 'CH-C2', name: '李四', unitId: other.id, position: '科员', level: 'section' }
	]);
	return { province, east, west, district };
}

describe('the new-campaign choices', () => {
	it('offers only what lies in the organizer regions, with what the pickers filter by', async () => {
		const { east, district } = await seed();
		// A scope is the granted region and everything below it (regionScope).
		const choices = await getSubjectChoices(database.db, [east.id, district.id]);
		expect(choices.regions.map((r) => r.name)).toEqual(['东市', '东区']);
		expect(choices.regions.find((r) => r.name === '东区')?.parentId).toBe(east.id);
		expect(choices.units.map((u) => [u.name, u.parentName, u.regionId])).toEqual([
			['东区税务局', null, district.id],
			['办税服务厅', '东区税务局', district.id]
		]);
		expect(choices.cadres).toMatchObject([
			{ name: '张三', unit: '东区税务局', midLevel: true, regionId: district.id, code: 'CH-C1' }
		]);
		expect(choices.truncated).toBe(false);

		const everything = await getSubjectChoices(database.db, null);
		expect(everything.cadres.map((c) => c.name).sort()).toEqual(['张三', '李四'].sort());
		expect((await getSubjectChoices(database.db, [])).units).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { AuthUser } from '$lib/server/auth/types';
import * as table from '$lib/server/db/schema';
import { listResultCampaigns } from './queries';
import { listRectifications } from './rectification-queries';
import { inScope, readScope, writeScope } from './scope';
import { closeFixture, openFixture } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const staff = (roles: AuthUser['roles']): AuthUser => ({
	id: 1,
	email: 'x@example.org',
	displayName: 'x',
	kind: 'staff',
	roles
});

describe('region scope of the results pages', () => {
	it('lets a district reader see its own campaigns only, and a city organizer write below the city', async () => {
		const db = database.db;
		const [province] = await db
			.insert(table.region)
			.values({ code: '930000', name: '范围省', level: 'province' })
			.returning();
		const [city] = await db
			.insert(table.region)
			.values({ code: '930100', name: '范围市', level: 'city', parentId: province.id })
			.returning();
		const [east, west] = await db
			.insert(table.region)
			.values(
				['东', '西'].map((name, i) => ({
					code: `93010${i + 1}`,
					name,
					level: 'district' as const,
					parentId: city.id
				}))
			)
			.returning();
		const inEast = await openFixture(db, 'satisfaction_survey', [], undefined, {
			regionId: east.id
		});
		const inWest = await openFixture(db, 'satisfaction_survey', [], undefined, {
			regionId: west.id
		});
		const nowhere = await openFixture(db, 'satisfaction_survey', []);
		for (const f of [inEast, inWest, nowhere]) await closeFixture(db, f);

		const leaderEast = staff([{ role: 'leader', regionId: east.id }]);
		const read = await readScope(db, leaderEast);
		const listed = (await listResultCampaigns(db, read)).map((c) => c.id);
		expect(listed).toContain(inEast.id);
		expect(listed).not.toContain(inWest.id);
		expect(listed).not.toContain(nowhere.id);
		expect(await writeScope(db, leaderEast)).toEqual([]);

		const organizerCity = staff([{ role: 'organizer', regionId: city.id }]);
		const write = await writeScope(db, organizerCity);
		expect(inScope(write, west.id)).toBe(true);
		expect(inScope(write, null)).toBe(false);
		expect(inScope(null, null)).toBe(true);
		const both = await readScope(
			db,
			staff([
				{ role: 'leader', regionId: east.id },
				{ role: 'organizer', regionId: west.id }
			])
		);
		expect(both).toEqual(expect.arrayContaining([east.id, west.id]));
		expect(await readScope(db, staff([{ role: 'leader', regionId: null }]))).toBeNull();
		expect(await listRectifications(db, { scope: [] })).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { regionScope } from './region-scope';
import type { AuthUser, RoleGrant } from './types';

let database: TestDatabase;
const ids: Record<string, number> = {};

async function addRegion(
	code: string,
	level: 'province' | 'city' | 'district' | 'township',
	parent?: string
) {
	const [row] = await database.db
		.insert(table.region)
		.values({ code, name: code, level, parentId: parent ? ids[parent] : null })
		.returning({ id: table.region.id });
	ids[code] = row.id;
}

const user = (roles: RoleGrant[], kind: 'staff' | 'juror' = 'staff'): AuthUser => ({
	id: 1,
	email: 'u@example.org',
	displayName: 'U',
	kind,
	roles
});

beforeAll(async () => {
	database = await createTestDatabase();
	await addRegion('P', 'province');
	await addRegion('C', 'city', 'P');
	await addRegion('D1', 'district', 'C');
	await addRegion('D2', 'district', 'C');
	await addRegion('T1', 'township', 'D1');
	await addRegion('T2', 'township', 'D1');
	await addRegion('T3', 'township', 'D2');
});
afterAll(() => database?.dispose());

describe('region scope', () => {
	it('is unlimited for an admin and for a grant without a region', async () => {
		expect(
			await regionScope(database.db, user([{ role: 'admin', regionId: null }]), 'organizer')
		).toBeNull();
		expect(
			await regionScope(database.db, user([{ role: 'leader', regionId: null }]), 'leader')
		).toBeNull();
	});

	it('is the granted district and everything below it', async () => {
		const scope = await regionScope(
			database.db,
			user([{ role: 'organizer', regionId: ids.D1 }]),
			'organizer'
		);
		expect(scope).toEqual([ids.D1, ids.T1, ids.T2].sort((a, b) => a - b));
	});

	it('joins several regional grants of the same role', async () => {
		const scope = await regionScope(
			database.db,
			user([
				{ role: 'organizer', regionId: ids.T1 },
				{ role: 'organizer', regionId: ids.D2 }
			]),
			'organizer'
		);
		expect(scope).toEqual([ids.D2, ids.T1, ids.T3].sort((a, b) => a - b));
	});

	it('is empty for a role the user does not hold, for jurors and for anonymous', async () => {
		const organizer = user([{ role: 'organizer', regionId: ids.D1 }]);
		expect(await regionScope(database.db, organizer, 'leader')).toEqual([]);
		expect(await regionScope(database.db, user([], 'juror'), 'organizer')).toEqual([]);
		expect(await regionScope(database.db, null, 'organizer')).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AuthUser } from '$lib/server/auth/types';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { recordRecommendation } from './applications';
import { listDraws } from './draw-queries';
import { commitDraw } from './draws';
import { importRecommendations } from './import';
import { listUnits } from './lookups';
import { runJuryCommand } from './page-helpers';
import { countRoster, listRenewals, listRoster } from './queries';
import { assertDrawInScope, assertJurorInScope, juryScope, type JuryScope } from './scope';
import { addActiveJuror, createPlace, createStaff, nextPhone, type Place } from './test-fixtures';
import { JuryError } from './types';

let database: TestDatabase;
let home: Place;
let other: Place;
let staff: { id: number; label: string };
const homeJurors: number[] = [];
const otherJurors: number[] = [];

const organizer = (regionId: number | null): AuthUser => ({
	id: 1,
	email: 'organizer@jury.test',
	displayName: 'Organizer',
	kind: 'staff',
	roles: [{ role: 'organizer', regionId }]
});

/** A second district beside the fixture's, with one unit of its own. */
async function createOtherDistrict(db: TestDatabase['db'], cityCode: string): Promise<Place> {
	const [city] = await db.select().from(table.region).where(eq(table.region.code, cityCode));
	const [district] = await db
		.insert(table.region)
		.values({ code: '370812', name: '兖州区', level: 'district', parentId: city.id })
		.returning();
	const [unit] = await db
		.insert(table.unit)
		.values({ code: 'U-YZ-TAX', name: '兖州区税务局', kind: 'department', regionId: district.id })
		.returning();
	return { districtId: district.id, unitId: unit.id, windowId: unit.id, otherUnitId: unit.id };
}

async function districtScope(): Promise<JuryScope> {
	return juryScope(database.db, organizer(home.districtId));
}

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	home = await createPlace(db);
	other = await createOtherDistrict(db, '3708');
	staff = await createStaff(db);
	for (let i = 0; i < 6; i++) {
		const category = i % 2 ? 'enterprise_staff' : 'citizen_representative';
		homeJurors.push(await addActiveJuror(db, home, category, { startsOn: '2025-01-01' }));
		otherJurors.push(await addActiveJuror(db, other, category, { startsOn: '2025-01-01' }));
	}
});
afterAll(async () => {
	await database?.dispose();
});

describe('region scope in the jury area', () => {
	it('shows a district organizer only the jurors living in their district', async () => {
		const { db } = database;
		const scope = await districtScope();
		const rows = await listRoster(db, { roster: 'jury', scope });
		expect(rows.map((row) => row.id).sort()).toEqual([...homeJurors].sort());
		expect(await countRoster(db, { roster: 'jury', scope })).toBe(homeJurors.length);
		// Every term started 2025-01-01 and ends 2026-12-31: all are due within 60 days of 12-01.
		const renewals = await listRenewals(db, '2026-12-01', 60, scope);
		expect(renewals.map((row) => row.id).sort()).toEqual([...homeJurors].sort());
	});

	it('shows an unscoped organizer every juror, as an admin sees them', async () => {
		const { db } = database;
		expect(await juryScope(db, organizer(null))).toBeNull();
		const everyone = [...homeJurors, ...otherJurors].sort();
		const rows = await listRoster(db, { roster: 'jury', scope: null });
		expect(rows.map((row) => row.id).sort()).toEqual(everyone);
		const renewals = await listRenewals(db, '2026-12-01', 60, null);
		expect(renewals).toHaveLength(everyone.length);
	});

	it('refuses a command on another district’s juror with 403, before anything runs', async () => {
		const { db } = database;
		const scope = await districtScope();
		let ran = false;
		const refused = await runJuryCommand(async () => {
			await assertJurorInScope(db, scope, otherJurors[0]);
			ran = true;
		});
		expect(ran).toBe(false);
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.failure.status).toBe(403);
		await expect(assertJurorInScope(db, scope, homeJurors[0])).resolves.toBeUndefined();
		await expect(assertJurorInScope(db, null, otherJurors[0])).resolves.toBeUndefined();
	});

	it('refuses a draw for another district’s unit and writes no draw', async () => {
		const { db } = database;
		const scope = await districtScope();
		const before = await db.select().from(table.draw);
		const attempt = commitDraw(
			db,
			{ unitId: other.unitId, size: 2, recentDraws: 0, publicValueSource: '福彩3D 第2026320期' },
			staff,
			scope
		);
		await expect(attempt).rejects.toThrow(new JuryError('out_of_scope'));
		expect(await db.select().from(table.draw)).toHaveLength(before.length);
		expect((await listUnits(db, scope)).map((unit) => unit.id)).not.toContain(other.unitId);
	});

	it('draws a district’s unit from that district’s jurors only', async () => {
		const { db } = database;
		const scope = await districtScope();
		const draw = await commitDraw(
			db,
			{
				unitId: home.otherUnitId,
				size: 2,
				recentDraws: 0,
				publicValueSource: '福彩3D 第2026320期'
			},
			staff,
			scope
		);
		expect(draw.eligible.map((juror) => juror.id).sort()).toEqual([...homeJurors].sort());
		expect((await listDraws(db, 100, scope)).map((row) => row.id)).toContain(draw.id);
	});

	it('hides and refuses another district’s draw, which an unscoped organizer sees', async () => {
		const { db } = database;
		const scope = await districtScope();
		const draw = await commitDraw(
			db,
			{ unitId: other.unitId, size: 2, recentDraws: 0, publicValueSource: '福彩3D 第2026320期' },
			staff
		);
		expect(draw.eligible).toHaveLength(homeJurors.length + otherJurors.length);
		await expect(assertDrawInScope(db, scope, draw.id)).rejects.toThrow(
			new JuryError('out_of_scope')
		);
		expect((await listDraws(db, 100, scope)).map((row) => row.id)).not.toContain(draw.id);
		expect((await listDraws(db, 100, null)).map((row) => row.id)).toContain(draw.id);
	});

	it('refuses a recommendation for a person living outside the organizer’s district', async () => {
		const { db } = database;
		const scope = await districtScope();
		const phone = nextPhone();
		const input = {
			name: '外区人员',
			phone,
			regionId: other.districtId,
			category: 'citizen_representative' as const,
			employerName: null,
			employerUnitId: null,
			recommender: '区总工会'
		};
		await expect(recordRecommendation(db, 'jury', input, staff, scope)).rejects.toThrow(
			new JuryError('out_of_scope')
		);
		const written = await db.select().from(table.juror).where(eq(table.juror.phone, phone));
		expect(written).toHaveLength(0);
	});

	it('refuses an import row whose district lies outside the scope, naming the row', async () => {
		const { db } = database;
		const scope = await districtScope();
		const file = [
			'姓名,手机号,区县,类别,推荐单位',
			`本区,${nextPhone()},370811,企业职工,市总工会`,
			`外区,${nextPhone()},兖州区,企业职工,市总工会`
		].join('\n');
		const before = await countRoster(db, { roster: 'jury' });
		const result = await importRecommendations(
			db,
			'jury',
			new TextEncoder().encode(file),
			staff,
			scope
		);
		expect(result).toEqual({
			ok: false,
			missingColumns: [],
			errors: [{ row: 3, field: 'district', code: 'district_out_of_scope' }]
		});
		expect(await countRoster(db, { roster: 'jury' })).toBe(before);
	});
});

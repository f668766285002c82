import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { xlsxOf } from '../../../../test/fixtures/reference/sheets';
import * as table from '$lib/server/db/schema';
import type { AuthUser, RoleGrant } from '$lib/server/auth/types';
import type { CadreRecord, RegionRecord, UnitRecord } from '$lib/domain/reference-import';
import { createRecord, setArchived, updateRecord } from './commands';
import { exportReference } from './export';
import { importReferenceRows } from './import';
import {
	countReference,
	getCadre,
	getUnit,
	listCadres,
	listRegions,
	listUnits,
	type Page
} from './queries';
import { readScope, writeScope, type Scope } from './scope';
import { readSpreadsheet } from './spreadsheet';

let database: TestDatabase;
const actor = { id: 3, label: 'organizer' };
const ids: Record<string, number> = {};
const list = { search: '', includeArchived: true, page: 1 };

const region = (code: string, level: RegionRecord['level'], parentCode: string | null) => ({
	code,
	name: `区划${code}`,
	level,
	parentCode
});
const unit = (code: string, regionCode: string, parentUnitCode: string | null = null) =>
	({
		code,
		name: `单位${code}`,
		kind: parentUnitCode ? 'service_window' : 'department',
		regionCode,
		parentUnitCode
	}) satisfies UnitRecord;
const cadre = (code: string, unitCode: string): CadreRecord => ({
	code,
	name: `干部${code}`,
	unitCode,
	position: '局长',
	level: 'section',
	midLevel: false,
	headsUnit: false,
	birthMonth: null,
	appointedOn: null
});

async function seed(entity: 'region' | 'unit' | 'cadre', record: { code: string }) {
	const result = await createRecord(database.db, entity, record as never, actor, null);
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	ids[record.code] = result.id;
}

function staff(...roles: RoleGrant[]): AuthUser {
	return { id: 3, email: 'o@minping.test', displayName: 'O', kind: 'staff', roles };
}

const codes = (page: Page<{ code: string }>) => page.items.map((item) => item.code).sort();

beforeAll(async () => {
	database = await createTestDatabase();
	await seed('region', region('P', 'province', null));
	await seed('region', region('C', 'city', 'P'));
	await seed('region', region('C2', 'city', 'P'));
	await seed('region', region('D1', 'district', 'C'));
	await seed('region', region('D2', 'district', 'C'));
	await seed('region', region('T1', 'township', 'D1'));
	await seed('unit', unit('U1', 'D1'));
	await seed('unit', unit('W1', 'T1', 'U1'));
	await seed('unit', unit('U2', 'D2'));
	await seed('cadre', cadre('K1', 'U1'));
	await seed('cadre', cadre('K2', 'U2'));
});
afterAll(() => database.dispose());

describe('what a scoped reader sees', () => {
	it('shows a district organizer only their district, its townships, units and cadres', async () => {
		const scope = await readScope(database.db, staff({ role: 'organizer', regionId: ids.D1 }));
		const regions = await listRegions(
			database.db,
			{ ...list, level: null, parentCode: null },
			scope
		);
		expect(codes(regions)).toEqual(['D1', 'T1']);
		const units = await listUnits(database.db, { ...list, kind: null, regionCode: null }, scope);
		expect(codes(units)).toEqual(['U1', 'W1']);
		const cadres = await listCadres(database.db, { ...list, level: null, unitCode: null }, scope);
		expect(codes(cadres)).toEqual(['K1']);
		expect(await countReference(database.db, scope)).toEqual({
			region: { active: 2, archived: 0 },
			unit: { active: 2, archived: 0 },
			cadre: { active: 1, archived: 0 }
		});
		expect(await getUnit(database.db, ids.U2, scope)).toBeNull();
		expect(await getCadre(database.db, ids.K2, scope)).toBeNull();
		expect(await getUnit(database.db, ids.U1, scope)).toMatchObject({ code: 'U1' });
	});

	it('exports only the rows within the scope', async () => {
		const scope = await readScope(database.db, staff({ role: 'organizer', regionId: ids.D1 }));
		const sheet = await readSpreadsheet(
			await exportReference(database.db, 'unit', 'csv', 'en', scope)
		);
		expect(sheet.rows.map((row) => row.cells[0])).toEqual(['U1', 'W1']);
	});

	it('shows an unscoped organizer and an admin everything', async () => {
		const organizer = await readScope(database.db, staff({ role: 'organizer', regionId: null }));
		const admin = await readScope(database.db, staff({ role: 'admin', regionId: null }));
		expect(organizer).toBeNull();
		expect(admin).toBeNull();
		const units = await listUnits(database.db, { ...list, kind: null, regionCode: null }, null);
		expect(codes(units)).toEqual(['U1', 'U2', 'W1']);
	});

	it('lets a leader grant widen what is read but not what is written', async () => {
		const user = staff(
			{ role: 'organizer', regionId: ids.D1 },
			{ role: 'leader', regionId: ids.D2 }
		);
		const read = await readScope(database.db, user);
		const cadres = await listCadres(database.db, { ...list, level: null, unitCode: null }, read);
		expect(codes(cadres)).toEqual(['K1', 'K2']);
		expect(await writeScope(database.db, user)).toEqual([ids.D1, ids.T1].sort((a, b) => a - b));
	});

	it('shows nothing to a request without a user', async () => {
		const scope = await readScope(database.db, null);
		expect(await countReference(database.db, scope as Scope)).toMatchObject({
			unit: { active: 0 }
		});
	});
});

describe('what a scoped organizer may change', () => {
	let scope: Scope;
	beforeAll(async () => {
		scope = await writeScope(database.db, staff({ role: 'organizer', regionId: ids.D1 }));
	});
	const outside = (column: string) => ({
		ok: false,
		issues: [expect.objectContaining({ column, code: 'outside_scope' })]
	});

	it("refuses editing another district's unit and leaves it as it was", async () => {
		const renamed = { ...unit('U2', 'D2'), name: '改名' };
		expect(await updateRecord(database.db, 'unit', ids.U2, renamed, actor, scope)).toEqual(
			outside('code')
		);
		const [stored] = await database.db
			.select({ name: table.unit.name })
			.from(table.unit)
			.where(eq(table.unit.id, ids.U2));
		expect(stored.name).toBe('单位U2');
		expect(await setArchived(database.db, 'unit', ids.U2, true, actor, scope)).toEqual({
			ok: false,
			reason: 'outside_scope'
		});
	});

	it('refuses moving a unit or cadre out of the scope, or creating one outside', async () => {
		expect(await updateRecord(database.db, 'unit', ids.U1, unit('U1', 'D2'), actor, scope)).toEqual(
			outside('region_code')
		);
		expect(
			await updateRecord(database.db, 'cadre', ids.K1, cadre('K1', 'U2'), actor, scope)
		).toEqual(outside('unit_code'));
		expect(await createRecord(database.db, 'unit', unit('W2', 'D1', 'U2'), actor, scope)).toEqual(
			outside('parent_unit_code')
		);
		expect(await createRecord(database.db, 'cadre', cadre('K3', 'U2'), actor, scope)).toEqual(
			outside('unit_code')
		);
	});

	it('refuses a region above or beside the scope, but keeps its own district editable', async () => {
		const top = await createRecord(
			database.db,
			'region',
			region('P9', 'province', null),
			actor,
			scope
		);
		expect(top).toMatchObject({ issues: [{ code: 'outside_scope_top_level' }] });
		const beside = await createRecord(
			database.db,
			'region',
			region('T2', 'township', 'D2'),
			actor,
			scope
		);
		expect(beside).toEqual(outside('parent_code'));
		const moved = await updateRecord(
			database.db,
			'region',
			ids.D1,
			region('D1', 'district', 'C2'),
			actor,
			scope
		);
		expect(moved).toEqual(outside('parent_code'));
		const renamed = { ...region('D1', 'district', 'C'), name: '东区' };
		expect(await updateRecord(database.db, 'region', ids.D1, renamed, actor, scope)).toEqual({
			ok: true,
			id: ids.D1
		});
		const inside = await createRecord(
			database.db,
			'region',
			region('T3', 'township', 'D1'),
			actor,
			scope
		);
		expect(inside).toMatchObject({ ok: true });
	});

	it('reports import rows for another district as outside the region and writes the rest', async () => {
		const rows = [
			['code', 'name', 'kind', 'region_code', 'parent_unit_code'],
			['U5', '东区新单位', 'department', 'D1', ''],
			['U6', '西区新单位', 'department', 'D2', ''],
			['U2', '改名', 'department', 'D2', '']
		];
		const sheet = await readSpreadsheet(await xlsxOf(rows));
		const strict = await importReferenceRows(database.db, 'unit', sheet, {
			skipBadRows: false,
			actor,
			scope
		});
		expect(strict).toMatchObject({
			ok: false,
			issues: [
				{ row: 3, column: 'region_code', code: 'outside_scope' },
				{ row: 4, column: 'code', code: 'outside_scope' }
			]
		});
		const skipping = await importReferenceRows(database.db, 'unit', sheet, {
			skipBadRows: true,
			actor,
			scope
		});
		expect(skipping).toMatchObject({ ok: true, created: 1, skipped: 2 });
		const stored = await database.db.select({ code: table.unit.code }).from(table.unit);
		expect(stored.map((row) => row.code).sort()).toEqual(['U1', 'U2', 'U5', 'W1']);
	});
});

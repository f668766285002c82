import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import type { RegionRecord, UnitRecord, CadreRecord } from '$lib/domain/reference-import';
import { createRecord, setArchived, updateRecord } from './commands';
import {
	countReference,
	getCadre,
	getRegion,
	getUnit,
	listCadres,
	listRegions,
	listUnits,
	PAGE_SIZE
} from './queries';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const actor = { id: 7, label: 'staff' };
const list = { search: '', includeArchived: false, page: 1 };
const ids: Record<string, number> = {};

async function create(entity: 'region', record: RegionRecord): Promise<number>;
async function create(entity: 'unit', record: UnitRecord): Promise<number>;
async function create(entity: 'cadre', record: CadreRecord): Promise<number>;
async function create(
	entity: 'region' | 'unit' | 'cadre',
	record: RegionRecord | UnitRecord | CadreRecord
) {
	const result = await createRecord(database.db, entity, record as never, actor, null);
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	ids[record.code] = result.id;
	return result.id;
}

const region = (code: string, level: RegionRecord['level'], parentCode: string | null) => ({
	code,
	name: `区划${code}`,
	level,
	parentCode
});

beforeAll(async () => {
	await create('region', region('P', 'province', null));
	await create('region', region('P1', 'city', 'P'));
	await create('region', region('P1-1', 'district', 'P1'));
	await create('unit', {
		code: 'U1',
		name: '市场监督管理局',
		kind: 'law_enforcement',
		regionCode: 'P1',
		parentUnitCode: null
	});
	await create('unit', {
		code: 'W1',
		name: '登记窗口',
		kind: 'service_window',
		regionCode: 'P1',
		parentUnitCode: 'U1'
	});
	await create('cadre', {
		code: 'C1',
		name: '王建国',
		unitCode: 'U1',
		position: '局长',
		level: 'county',
		midLevel: false,
		headsUnit: true,
		birthMonth: '1972-05',
		appointedOn: '2019-03-01'
	});
});

describe('creating and editing reference records', () => {
	it('stores what the form said, with the parent resolved, and audits it', async () => {
		expect(await getRegion(database.db, ids['P1-1'], null)).toMatchObject({
			code: 'P1-1',
			level: 'district',
			parentCode: 'P1',
			archived: false
		});
		expect(await getUnit(database.db, ids.W1, null)).toMatchObject({
			parentCode: 'U1',
			regionCode: 'P1'
		});
		expect(await getCadre(database.db, ids.C1, null)).toMatchObject({
			unitCode: 'U1',
			level: 'county'
		});
		const events = await database.db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'unit.create'));
		expect(events).toHaveLength(2);
		expect(events[0].actorLabel).toBe('staff');
	});

	it('refuses a code in use, a parent two levels up, and a window under a window', async () => {
		const taken = await createRecord(database.db, 'region', region('P1', 'city', 'P'), actor, null);
		expect(taken).toMatchObject({ ok: false, issues: [{ code: 'code_taken' }] });
		const skipped = await createRecord(
			database.db,
			'region',
			region('T', 'township', 'P1'),
			actor,
			null
		);
		expect(skipped).toMatchObject({ ok: false, issues: [{ code: 'parent_wrong_level' }] });
		const nested = await createRecord(
			database.db,
			'unit',
			{ code: 'W2', name: '窗口', kind: 'service_window', regionCode: 'P1', parentUnitCode: 'W1' },
			actor,
			null
		);
		expect(nested).toMatchObject({ ok: false, issues: [{ code: 'parent_unit_is_window' }] });
	});

	it('updates a record, may keep its own code, and refuses another record’s code', async () => {
		const renamed = await updateRecord(
			database.db,
			'region',
			ids.P1,
			{ ...region('P1', 'city', 'P'), name: '新市' },
			actor,
			null
		);
		expect(renamed).toEqual({ ok: true, id: ids.P1 });
		expect((await getRegion(database.db, ids.P1, null))?.name).toBe('新市');
		const clash = await updateRecord(
			database.db,
			'region',
			ids.P1,
			region('P', 'city', 'P'),
			actor,
			null
		);
		expect(clash).toMatchObject({ ok: false, issues: [{ code: 'code_taken' }] });
		expect(
			await updateRecord(database.db, 'region', 999_999, region('X', 'province', null), actor, null)
		).toBeNull();
	});

	it('refuses to change the level of a region that has children', async () => {
		const result = await updateRecord(
			database.db,
			'region',
			ids.P1,
			region('P1', 'province', null),
			actor,
			null
		);
		expect(result).toMatchObject({ ok: false, issues: [{ code: 'level_change_has_children' }] });
	});
});

describe('archiving', () => {
	it('refuses to archive a unit or region with active children, then allows it bottom-up', async () => {
		expect(await setArchived(database.db, 'unit', ids.U1, true, actor, null)).toEqual({
			ok: false,
			reason: 'has_children',
			count: 2
		});
		expect(await setArchived(database.db, 'cadre', ids.C1, true, actor, null)).toEqual({
			ok: true
		});
		expect(await setArchived(database.db, 'unit', ids.W1, true, actor, null)).toEqual({ ok: true });
		expect(await setArchived(database.db, 'unit', ids.U1, true, actor, null)).toEqual({ ok: true });
		expect(await getUnit(database.db, ids.U1, null)).toMatchObject({ archived: true });
	});

	it('refuses to restore a record whose parent is archived', async () => {
		expect(await setArchived(database.db, 'unit', ids.W1, false, actor, null)).toEqual({
			ok: false,
			reason: 'parent_archived',
			code: 'U1'
		});
		expect(await setArchived(database.db, 'unit', ids.U1, false, actor, null)).toEqual({
			ok: true
		});
		expect(await setArchived(database.db, 'unit', ids.W1, false, actor, null)).toEqual({
			ok: true
		});
		expect(await setArchived(database.db, 'region', 999_999, true, actor, null)).toBeNull();
	});
});

describe('listing', () => {
	it('searches code and name, filters, and hides archived records unless asked', async () => {
		const byName = await listUnits(
			database.db,
			{
				...list,
				search: '窗口',
				kind: null,
				regionCode: null
			},
			null
		);
		expect(byName.items.map((u) => u.code)).toEqual(['W1']);
		const windows = await listUnits(
			database.db,
			{
				...list,
				kind: 'service_window',
				regionCode: 'P1'
			},
			null
		);
		expect(windows.total).toBe(1);
		await setArchived(database.db, 'region', ids['P1-1'], true, actor, null);
		const active = await listRegions(
			database.db,
			{ ...list, level: 'district', parentCode: null },
			null
		);
		expect(active.items).toEqual([]);
		const all = await listRegions(
			database.db,
			{
				...list,
				includeArchived: true,
				level: 'district',
				parentCode: 'P1'
			},
			null
		);
		expect(all.items).toMatchObject([{ code: 'P1-1', archived: true }]);
	});

	it('treats % and _ in a search as plain characters', async () => {
		const result = await listCadres(
			database.db,
			{
				...list,
				search: '%',
				level: null,
				unitCode: null
			},
			null
		);
		expect(result.total).toBe(0);
	});

	it("lists a unit's principal leader as such", async () => {
		const result = await listCadres(
			database.db,
			{ ...list, includeArchived: true, search: '王建国', level: null, unitCode: null },
			null
		);
		expect(result.items).toMatchObject([{ code: 'C1', headsUnit: true, midLevel: false }]);
	});

	it('pages through long lists and reports the total', async () => {
		for (let i = 0; i < PAGE_SIZE + 3; i++) {
			await database.db.insert(table.cadre).values({
				code: `BULK${String(i).padStart(3, '0')}`,
				name: `干部${i}`,
				unitId: ids.U1,
				position: '科员',
				level: 'section'
			});
		}
		const second = await listCadres(
			database.db,
			{
				...list,
				page: 2,
				level: 'section',
				unitCode: 'U1'
			},
			null
		);
		expect(second.total).toBe(PAGE_SIZE + 3);
		expect(second.items).toHaveLength(3);
		const counts = await countReference(database.db, null);
		expect(counts.cadre).toEqual({ active: PAGE_SIZE + 3, archived: 1 });
		expect(counts.region).toEqual({ active: 2, archived: 1 });
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { verifyDraw } from '$lib/domain/jury-draw';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { getDrawDocument, listDrawMembers } from './draw-queries';
import { commitDraw, revealDraw } from './draws';
import { issuePanelCodes } from './invitations';
import { defaultJurySettings, saveJurySettings } from './settings';
import { addActiveJuror, createPlace, createStaff, type Place } from './test-fixtures';
import { JuryError } from './types';

let database: TestDatabase;
let place: Place;
let staff: { id: number; label: string };
const employed: number[] = [];
let related = 0;

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	place = await createPlace(db);
	staff = await createStaff(db);
	for (let i = 0; i < 16; i++)
		await addActiveJuror(db, place, i % 2 ? 'enterprise_staff' : 'citizen_representative');
	for (let i = 0; i < 4; i++) await addActiveJuror(db, place, 'npc_deputy');
	employed.push(
		await addActiveJuror(db, place, 'enterprise_staff', { employerUnitId: place.unitId })
	);
	employed.push(
		await addActiveJuror(db, place, 'enterprise_staff', { employerUnitId: place.windowId })
	);
	related = await addActiveJuror(db, place, 'individual_business');
	await db
		.insert(table.jurorRelation)
		.values({ jurorId: related, unitId: place.unitId, note: '配偶在该局工作' });
});
afterAll(async () => {
	await database?.dispose();
});

describe('sub-panel draws', () => {
	it('commits to a sealed seed, then reveals a panel anyone can recompute', async () => {
		const { db } = database;
		const committed = await commitDraw(
			db,
			{ unitId: place.unitId, size: 5, recentDraws: 0 },
			staff
		);
		expect(committed).toMatchObject({ status: 'committed', seed: null, selected: null });
		expect(committed.excluded).toEqual({ employer: 2, related: 1, recent: 0 });
		const eligibleIds = committed.eligible.map((juror) => juror.id);
		for (const id of [...employed, related]) expect(eligibleIds).not.toContain(id);
		const before = await getDrawDocument(db, committed.id);
		expect(before?.seed).toBeNull();

		await revealDraw(db, committed.id, ' 2026088 ', staff);
		const document = await getDrawDocument(db, committed.id);
		if (!document?.seed) throw new Error('draw was not revealed');
		expect(document.publicValue).toBe('2026088');
		expect(verifyDraw(document, document.seed)).toMatchObject({
			commitmentMatches: true,
			resultMatches: true
		});
		const members = await listDrawMembers(db, committed.id);
		expect(members.map((member) => member.jurorId)).toEqual(document.selected);
		expect(members.filter((member) => member.stratum === 'counted')).toHaveLength(4);
		expect(await db.select().from(table.drawSealedSeed)).toEqual([]);
		const events = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectType, 'draw'));
		expect(events.map((event) => event.action)).toEqual(['jury.draw_commit', 'jury.draw_reveal']);
		await expect(revealDraw(db, committed.id, '', staff)).rejects.toThrow(JuryError);
	});

	it('issues one sign-in code per drawn member, creating their juror accounts', async () => {
		const { db } = database;
		const committed = await commitDraw(
			db,
			{ unitId: place.otherUnitId, size: 3, recentDraws: 0 },
			staff
		);
		const revealed = await revealDraw(db, committed.id, '', staff);
		const codes = await issuePanelCodes(db, committed.id, staff);
		expect(codes.map((code) => code.jurorId)).toEqual(revealed.selected);
		for (const code of codes) expect(code.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		const members = await listDrawMembers(db, committed.id);
		const users = await db
			.select()
			.from(table.appUser)
			.where(
				inArray(
					table.appUser.id,
					members.map((m) => m.userId ?? 0)
				)
			);
		expect(users.map((user) => user.kind)).toEqual(['juror', 'juror', 'juror']);
		// A second round reuses the accounts and adds fresh codes.
		await issuePanelCodes(db, committed.id, staff);
		expect((await listDrawMembers(db, committed.id)).map((m) => m.userId)).toEqual(
			members.map((m) => m.userId)
		);
	});

	it('leaves out jurors drawn in the last K draws', async () => {
		const { db } = database;
		const first = await commitDraw(
			db,
			{ unitId: place.otherUnitId, size: 5, recentDraws: 0 },
			staff
		);
		const revealed = await revealDraw(db, first.id, '', staff);
		const second = await commitDraw(
			db,
			{ unitId: place.otherUnitId, size: 5, recentDraws: 1 },
			staff
		);
		const ids = second.eligible.map((juror) => juror.id);
		for (const id of revealed.selected ?? []) expect(ids).not.toContain(id);
		expect(second.excluded.recent).toBe(5);
	});

	it('refuses a panel larger than the eligible list, or short of counted jurors, and writes nothing', async () => {
		const { db } = database;
		const count = async () => (await db.select().from(table.draw)).length;
		const before = await count();
		await expect(
			commitDraw(db, { unitId: place.unitId, size: 500, recentDraws: 0 }, staff)
		).rejects.toMatchObject({
			code: 'too_few_eligible',
			params: { needed: 500, available: 20 }
		});
		// 16 counted and 4 other jurors are eligible for the unit: 20 at 80% needs 16 counted.
		await expect(
			commitDraw(db, { unitId: place.unitId, size: 21, recentDraws: 0 }, staff)
		).rejects.toMatchObject({ code: 'too_few_eligible' });
		await saveJurySettings(
			db,
			{
				...defaultJurySettings,
				rule: { ...defaultJurySettings.rule, minShare: { num: 9, den: 10 } }
			},
			staff
		);
		await expect(
			commitDraw(db, { unitId: place.unitId, size: 20, recentDraws: 0 }, staff)
		).rejects.toMatchObject({ code: 'too_few_counted', params: { needed: 18, available: 16 } });
		await saveJurySettings(db, defaultJurySettings, staff);
		await expect(
			commitDraw(db, { unitId: place.unitId, size: 20, recentDraws: 0 }, staff)
		).resolves.toMatchObject({ size: 20 });
		expect(await count()).toBe(before + 1);
	});
});

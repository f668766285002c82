import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { verifyDraw } from '$lib/domain/jury-draw';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { getDrawDocument, listDrawMembers, listDraws } from './draw-queries';
import { commitDraw, revealDraw } from './draws';
import { issuePanelCodes } from './invitations';
import { describeJuryError } from './messages';
import { defaultJurySettings, saveJurySettings } from './settings';
import { addActiveJuror, createPlace, createStaff, type Place } from './test-fixtures';
import { JuryError } from './types';

let database: TestDatabase;
let place: Place;
let staff: { id: number; label: string };
const employed: number[] = [];
let related = 0;
const source = '福彩3D 第2026320期开奖号码（2026-11-25 21:15 公布）';

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
			{ unitId: place.unitId, size: 5, recentDraws: 0, publicValueSource: source },
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
		await expect(revealDraw(db, committed.id, '2026089', staff)).rejects.toThrow(
			new JuryError('already_revealed')
		);
	});

	it('issues one sign-in code per drawn member, creating their juror accounts', async () => {
		const { db } = database;
		const committed = await commitDraw(
			db,
			{ unitId: place.otherUnitId, size: 3, recentDraws: 0, publicValueSource: source },
			staff
		);
		const revealed = await revealDraw(db, committed.id, '2026090', staff);
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
			{ unitId: place.otherUnitId, size: 5, recentDraws: 0, publicValueSource: source },
			staff
		);
		const revealed = await revealDraw(db, first.id, '2026091', staff);
		const second = await commitDraw(
			db,
			{ unitId: place.otherUnitId, size: 5, recentDraws: 1, publicValueSource: source },
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
			commitDraw(
				db,
				{ unitId: place.unitId, size: 500, recentDraws: 0, publicValueSource: source },
				staff
			)
		).rejects.toMatchObject({
			code: 'too_few_eligible',
			params: { needed: 500, available: 20 }
		});
		// 16 counted and 4 other jurors are eligible for the unit: 20 at 80% needs 16 counted.
		await expect(
			commitDraw(
				db,
				{ unitId: place.unitId, size: 21, recentDraws: 0, publicValueSource: source },
				staff
			)
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
			commitDraw(
				db,
				{ unitId: place.unitId, size: 20, recentDraws: 0, publicValueSource: source },
				staff
			)
		).rejects.toMatchObject({ code: 'too_few_counted', params: { needed: 18, available: 16 } });
		await saveJurySettings(db, defaultJurySettings, staff);
		await expect(
			commitDraw(
				db,
				{ unitId: place.unitId, size: 20, recentDraws: 0, publicValueSource: source },
				staff
			)
		).resolves.toMatchObject({ size: 20 });
		expect(await count()).toBe(before + 1);
	});
});

describe('the public value: its source declared at commitment, the value required at reveal', () => {
	const sizes = async () => {
		const { db } = database;
		const [draws, sealed, events, members] = await Promise.all([
			db.select().from(table.draw),
			db.select().from(table.drawSealedSeed),
			db.select().from(table.auditEvent),
			db.select().from(table.drawMember)
		]);
		return [draws.length, sealed.length, events.length, members.length];
	};
	const commitForOther = (publicValueSource: string) =>
		commitDraw(
			database.db,
			{ unitId: place.otherUnitId, size: 2, recentDraws: 0, publicValueSource },
			staff
		);

	it('stores the declared source and publishes it with the commitment and reveal times', async () => {
		const { db } = database;
		const committed = await commitForOther(`  ${source} `);
		expect(committed.publicValueSource).toBe(source);
		const before = await getDrawDocument(db, committed.id);
		expect(before).toMatchObject({
			publicValueSource: source,
			committedAt: committed.createdAt.toISOString(),
			revealedAt: null
		});
		expect((await listDraws(db)).find((row) => row.id === committed.id)).toMatchObject({
			publicValueSource: source,
			createdAt: committed.createdAt,
			revealedAt: null
		});
		const [commitEvent] = await db
			.select()
			.from(table.auditEvent)
			.where(
				and(
					eq(table.auditEvent.action, 'jury.draw_commit'),
					eq(table.auditEvent.subjectId, String(committed.id))
				)
			);
		expect(commitEvent.details).toMatchObject({
			publicValueSource: source,
			commitment: committed.commitment
		});

		const revealed = await revealDraw(db, committed.id, ' 2026320 ', staff);
		const after = await getDrawDocument(db, committed.id);
		if (!after?.revealedAt || !after.committedAt || !after.seed) throw new Error('not revealed');
		expect(after).toMatchObject({
			publicValueSource: source,
			publicValue: '2026320',
			revealedAt: revealed.revealedAt?.toISOString()
		});
		expect(Date.parse(after.revealedAt)).toBeGreaterThanOrEqual(Date.parse(after.committedAt));
		expect(verifyDraw(after, after.seed)).toMatchObject({
			commitmentMatches: true,
			resultMatches: true
		});
	});

	it('refuses a draw without a declared source, or one too long or on two lines, and writes nothing', async () => {
		const before = await sizes();
		const cases = [
			['', 'missing'],
			['  \t ', 'missing'],
			['福'.repeat(201), 'too_long'],
			['福彩3D\n第2026320期', 'control']
		] as const;
		for (const [publicValueSource, problem] of cases) {
			const attempt = commitForOther(publicValueSource);
			await expect(attempt).rejects.toMatchObject({
				code: 'bad_draw_text',
				params: { field: 'publicValueSource', problem }
			});
		}
		expect(await sizes()).toEqual(before);
		const error = await commitForOther('').catch((caught: unknown) => caught);
		if (!(error instanceof JuryError)) throw new Error('expected a refusal');
		expect(describeJuryError(error)).toContain('公开数值的来源');
		const tooLong = await commitForOther('福'.repeat(201)).catch((caught: unknown) => caught);
		if (!(tooLong instanceof JuryError)) throw new Error('expected a refusal');
		expect(describeJuryError(tooLong)).toContain('最多 200 个字，现有 201 个字');
	});

	it('refuses to reveal without a public value, or with one too long, and keeps the seed sealed', async () => {
		const { db } = database;
		const committed = await commitForOther(source);
		const before = await sizes();
		const cases = [
			['', 'missing'],
			['   ', 'missing'],
			['9'.repeat(101), 'too_long'],
			['2026\n320', 'control']
		] as const;
		for (const [value, problem] of cases)
			await expect(revealDraw(db, committed.id, value, staff)).rejects.toMatchObject({
				code: 'bad_draw_text',
				params: { field: 'publicValue', problem }
			});
		expect(await sizes()).toEqual(before);
		const [row] = await db.select().from(table.draw).where(eq(table.draw.id, committed.id));
		expect(row).toMatchObject({ status: 'committed', seed: null, publicValue: null });
		const error = await revealDraw(db, committed.id, ' ', staff).catch((caught: unknown) => caught);
		if (!(error instanceof JuryError)) throw new Error('expected a refusal');
		expect(describeJuryError(error)).toContain('请填写公开数值');
		await expect(revealDraw(db, committed.id, '9'.repeat(100), staff)).resolves.toMatchObject({
			status: 'revealed',
			publicValue: '9'.repeat(100)
		});
	});

	it('shows a draw committed before sources were declared as undeclared, and still verifies it', async () => {
		const { db } = database;
		const committed = await commitForOther(source);
		await revealDraw(db, committed.id, '2026321', staff);
		// What a row from before the column looks like after the migration.
		await db
			.update(table.draw)
			.set({ publicValueSource: null })
			.where(eq(table.draw.id, committed.id));
		const document = await getDrawDocument(db, committed.id);
		if (!document?.seed) throw new Error('not revealed');
		expect(document.publicValueSource).toBeNull();
		expect(verifyDraw(document, document.seed)).toMatchObject({
			commitmentMatches: true,
			resultMatches: true
		});
		// The table itself refuses an empty declaration, whatever writes it.
		await expect(
			db.update(table.draw).set({ publicValueSource: '' }).where(eq(table.draw.id, committed.id))
		).rejects.toThrow();
	});
});

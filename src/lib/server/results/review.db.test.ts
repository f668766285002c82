import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { verifyAuditChain } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { addDays, todayInChina } from './dates';
import { annotateOutcome, decideOutcome, listOutcomes, OutcomeError } from './outcomes';
import { publishResults } from './publish';
import { addNote, advanceRectification, RectificationError, setProblems } from './rectification';
import { getEvidence, listRectifications, overdueByQuarter } from './rectification-queries';
import { cast, closeFixture, openFixture } from './test-fixtures';

let database: TestDatabase;
let campaignId: number;
const staff = { id: 0, label: 'staff@example.test' };

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	const [user] = await db
		.insert(table.appUser)
		.values({ kind: 'staff', displayName: 'Staff', email: staff.label })
		.returning({ id: table.appUser.id });
	staff.id = user.id;
	const units = ['甲局', '乙局', '丙局', '丁局'].map((label) => ({ kind: 'unit' as const, label }));
	const fixture = await openFixture(db, 'unit_evaluation', units);
	for (const [label, score] of [
		['甲局', 90],
		['乙局', 80],
		['丙局', 70],
		['丁局', 60]
	] as const)
		await cast(
			db,
			fixture,
			label,
			'service_users',
			{ conduct: score, service: score, lawful: score, efficiency: score, integrity: score },
			5
		);
	await closeFixture(db, fixture);
	await publishResults(db, fixture.id, staff);
	campaignId = fixture.id;
});
afterAll(() => database.dispose());

const find = async (rule: string, label: string) =>
	(await listOutcomes(database.db, campaignId)).find(
		(o) => o.ruleId === rule && o.subjectLabel === label
	)!;

describe('outcome review', () => {
	it('refuses to overturn without a reason and changes nothing', async () => {
		const outcome = await find('last_place', '丁局');
		await expect(
			decideOutcome(database.db, outcome.id, { status: 'overturned', reason: '  ' }, staff)
		).rejects.toEqual(new OutcomeError('reason_required'));
		expect((await find('last_place', '丁局')).status).toBe('proposed');
	});

	it("refuses a decision sent through another campaign's page", async () => {
		const outcome = await find('last_place', '丁局');
		await expect(
			decideOutcome(
				database.db,
				outcome.id,
				{ status: 'confirmed', reason: '' },
				staff,
				campaignId + 1
			)
		).rejects.toEqual(new OutcomeError('not_found'));
		expect((await find('last_place', '丁局')).status).toBe('proposed');
	});

	it('overturns with a reason, annotates, and keeps the numbers untouched', async () => {
		const before = await find('last_place', '丁局');
		await decideOutcome(
			database.db,
			before.id,
			{ status: 'overturned', reason: '评议期间机构改革' },
			staff
		);
		await annotateOutcome(database.db, before.id, '经常委会研究', staff);
		const after = await find('last_place', '丁局');
		expect(after).toMatchObject({
			status: 'overturned',
			reason: '评议期间机构改革',
			decidedBy: staff.id
		});
		expect(after.annotations.map((a) => a.text)).toEqual(['经常委会研究']);
		expect(after.numbers).toEqual(before.numbers);
		await expect(
			decideOutcome(database.db, before.id, { status: 'confirmed', reason: '' }, staff)
		).rejects.toEqual(new OutcomeError('already_decided'));
	});

	it('opens a rectification item with a deadline when bottom three is confirmed', async () => {
		const outcome = await find('bottom_three', '丙局');
		await decideOutcome(database.db, outcome.id, { status: 'confirmed', reason: '' }, staff);
		const [item] = await listRectifications(database.db);
		expect(item).toMatchObject({
			outcomeId: outcome.id,
			ownerLabel: '丙局',
			status: 'open',
			campaignId
		});
		expect(item.deadline).toBe(addDays(todayInChina(item.createdAt), 90));
	});
});

describe('rectification', () => {
	it('tracks problems, notes with evidence, the report and close-out, all audited', async () => {
		const db = database.db;
		const [item] = await listRectifications(db);
		await setProblems(db, item.id, ['窗口排队时间长', '', '办事指南不清'], staff);
		const content = new TextEncoder().encode('整改报告 v1');
		await addNote(
			db,
			item.id,
			{ text: '已增设窗口', evidence: { name: 'report.txt', type: 'text/plain', content } },
			staff
		);
		const [noted] = await db
			.select()
			.from(table.rectificationNote)
			.where(eq(table.rectificationNote.rectificationId, item.id));
		const evidence = await getEvidence(db, noted.id);
		expect(evidence).toMatchObject({
			fileName: 'report.txt',
			fileSize: content.byteLength,
			intact: true
		});
		expect(new TextDecoder().decode(evidence?.content)).toBe('整改报告 v1');
		await expect(advanceRectification(db, item.id, 'closed', staff)).rejects.toEqual(
			new RectificationError('not_allowed')
		);
		await advanceRectification(db, item.id, 'submitted', staff);
		await advanceRectification(db, item.id, 'closed', staff);
		const [closed] = await listRectifications(db, { status: 'closed' });
		expect(closed).toMatchObject({
			problems: ['窗口排队时间长', '办事指南不清'],
			closedBy: staff.id,
			overdue: false
		});
		await expect(addNote(db, item.id, { text: 'late', evidence: null }, staff)).rejects.toEqual(
			new RectificationError('closed')
		);
		expect(await verifyAuditChain(db)).toBeNull();
	});

	it('flags items past their deadline as overdue and groups them by quarter', async () => {
		const db = database.db;
		for (const label of ['乙局', '丁局']) {
			const outcome = await find('bottom_three', label);
			await decideOutcome(db, outcome.id, { status: 'confirmed', reason: '' }, staff);
		}
		const open = await listRectifications(db, { status: 'open' });
		await db
			.update(table.rectification)
			.set({ deadline: '2026-02-10' })
			.where(eq(table.rectification.id, open[0].id));
		await db
			.update(table.rectification)
			.set({ deadline: '2026-05-01' })
			.where(eq(table.rectification.id, open[1].id));
		const overdue = await listRectifications(db, { overdueOnly: true }, '2026-06-30');
		expect(overdue.map((r) => r.quarter)).toEqual(['2026-Q1', '2026-Q2']);
		expect(overdueByQuarter(overdue).map((g) => [g.quarter, g.items.length])).toEqual([
			['2026-Q1', 1],
			['2026-Q2', 1]
		]);
		expect(await listRectifications(db, { overdueOnly: true }, '2026-01-01')).toEqual([]);
	});
});

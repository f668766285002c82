import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { listAuditEvents, listUsersForAdmin } from './admin-queries';
import { insertJurorUser, insertStaffUser } from './users';

let database: TestDatabase;
let organizerId: number;

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	organizerId = (await insertStaffUser(db, {
		email: 'wang.fang@example.org',
		displayName: '王芳',
		passwordHash: 'x'
	})) as number;
	await db.insert(table.roleGrant).values({ userId: organizerId, role: 'organizer' });
	await insertStaffUser(db, { email: 'li@example.org', displayName: '李明', passwordHash: 'x' });
	for (let i = 1; i <= 120; i++) {
		await insertJurorUser(db, { displayName: `评议员${String(i).padStart(3, '0')}` });
	}
	const events: [string, string, string, string][] = [
		['auth.code_issue', 'user', '7', '2026-03-01T10:00:00+08:00'],
		['auth.code_revoke', 'user', '7', '2026-03-02T23:30:00+08:00'],
		['campaign.paper_mismatch', 'campaign', '3', '2026-03-03T00:30:00+08:00'],
		['jury.appoint', 'juror', '7', '2026-03-03T09:00:00+08:00']
	];
	for (const [action, subjectType, subjectId] of events) {
		await recordAuditEvent(db, {
			actor: { id: organizerId, label: 'wang.fang@example.org' },
			action,
			subjectType,
			subjectId
		});
	}
	// recordAuditEvent stamps the current time; give each event its day for the date filter.
	for (const [seq, [, , , at]] of events.entries()) {
		await db.execute(
			sql`update audit_event set occurred_at = ${at}::timestamptz where seq = ${seq + 1}`
		);
	}
});
afterAll(() => database?.dispose());

describe('the account list', () => {
	it('pages through a large jury instead of listing every account', async () => {
		const { db } = database;
		const first = await listUsersForAdmin(db, { page: 1 });
		expect(first).toMatchObject({ total: 122, page: 1, pages: 3 });
		expect(first.users).toHaveLength(50);
		expect(first.users.slice(0, 2).map((user) => user.kind)).toEqual(['staff', 'staff']);
		const last = await listUsersForAdmin(db, { page: 9 });
		expect(last.page).toBe(3);
		expect(last.users).toHaveLength(22);
	});

	it('finds accounts by part of the name or email and by kind or role', async () => {
		const { db } = database;
		const byEmail = await listUsersForAdmin(db, { q: 'WANG.F' });
		expect(byEmail.users.map((user) => user.displayName)).toEqual(['王芳']);
		expect(byEmail.users[0].roles.map((grant) => grant.role)).toEqual(['organizer']);
		expect((await listUsersForAdmin(db, { q: '评议员11' })).total).toBe(10);
		expect((await listUsersForAdmin(db, { q: '%' })).total).toBe(0);
		expect((await listUsersForAdmin(db, { role: 'staff' })).total).toBe(2);
		expect((await listUsersForAdmin(db, { role: 'juror' })).total).toBe(120);
		const organizers = await listUsersForAdmin(db, { role: 'organizer' });
		expect(organizers.users.map((user) => user.id)).toEqual([organizerId]);
	});
});

describe('the audit trail filters', () => {
	it('filters by actor, action, area, subject and China Standard Time days', async () => {
		const { db } = database;
		const actions = async (filter: Parameters<typeof listAuditEvents>[3]) =>
			(await listAuditEvents(db, 1, 50, filter)).events.map((event) => event.action);
		expect(await actions({ actor: 'WANG' })).toHaveLength(4);
		expect(await actions({ actor: 'nobody' })).toEqual([]);
		expect(await actions({ action: 'auth.code_revoke' })).toEqual(['auth.code_revoke']);
		expect(await actions({ action: 'auth.' })).toEqual(['auth.code_revoke', 'auth.code_issue']);
		expect(await actions({ subjectType: 'user', subjectId: '7' })).toHaveLength(2);
		// 2026-03-03 in Beijing: from 2026-03-02T16:00Z up to 2026-03-03T16:00Z.
		expect(
			await actions({
				from: new Date('2026-03-02T16:00:00Z'),
				until: new Date('2026-03-03T16:00:00Z')
			})
		).toEqual(['jury.appoint', 'campaign.paper_mismatch']);
		const paged = await listAuditEvents(db, 1, 1, { action: 'auth.' });
		expect(paged).toMatchObject({ total: 2, pages: 2 });
	});
});

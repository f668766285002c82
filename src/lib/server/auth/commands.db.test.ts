import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import {
	changePassword,
	createUser,
	endAllSessions,
	grantRole,
	revokeRole,
	setDisabled
} from './commands';
import { createAdmin } from './create-admin';
import { demoAdmin, ensureDemoAdmin } from './demo-admin';
import { createSession, validateSessionToken } from './session';
import { signInWithPassword } from './sign-in';
import { FailureThrottle } from './throttle';
import { generateSessionToken } from './token';
import { getAuthUser } from './users';

let database: TestDatabase;
let adminId: number;
const actor = () => ({ id: adminId, label: 'first@example.org' });
const throttle = () =>
	new FailureThrottle({
		account: { capacity: 50, refillPerSecond: 1 },
		ip: { capacity: 50, refillPerSecond: 1 }
	});

async function actions(): Promise<string[]> {
	const rows = await database.db
		.select({ action: table.auditEvent.action })
		.from(table.auditEvent)
		.orderBy(desc(table.auditEvent.seq));
	return rows.map((row) => row.action);
}

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.dispose());

describe('the first administrator', () => {
	it('is created from the command line with a strong password, once per email', async () => {
		expect(
			await createAdmin(database.db, { email: 'first@example.org', password: 'short' })
		).toMatchObject({
			ok: false,
			reason: 'weak_password'
		});
		const created = await createAdmin(database.db, {
			email: 'First@Example.org',
			password: 'First-Admin-2026'
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		adminId = created.id;
		expect((await getAuthUser(database.db, adminId))?.roles).toEqual([
			{ role: 'admin', regionId: null }
		]);
		expect(
			await createAdmin(database.db, { email: 'first@example.org', password: 'First-Admin-2026' })
		).toEqual({
			ok: false,
			reason: 'email_taken'
		});
	});

	it('means no demo admin is created beside it', async () => {
		expect(await ensureDemoAdmin(database.db)).toMatchObject({ created: false });
	});
});

describe('the demo administrator', () => {
	it('is created on an install without an admin and can sign in', async () => {
		const demo = await createTestDatabase();
		try {
			expect(await ensureDemoAdmin(demo.db)).toEqual({ ...demoAdmin, created: true });
			expect(await ensureDemoAdmin(demo.db)).toMatchObject({ created: false });
			const result = await signInWithPassword(demo.db, {
				...demoAdmin,
				ip: undefined,
				throttle: throttle()
			});
			expect(result.ok).toBe(true);
		} finally {
			await demo.dispose();
		}
	});
});

describe('account administration', () => {
	let organizerId: number;

	it('creates staff and juror accounts, refusing a second account for an email', async () => {
		const staff = await createUser(database.db, actor(), {
			kind: 'staff',
			displayName: 'Organizer',
			email: 'org@example.org',
			password: 'Organizer-2026!'
		});
		expect(staff.ok).toBe(true);
		if (staff.ok) organizerId = staff.id;
		const juror = await createUser(database.db, actor(), { kind: 'juror', displayName: '王五' });
		expect(juror.ok).toBe(true);
		const again = await createUser(database.db, actor(), {
			kind: 'staff',
			displayName: 'Again',
			email: 'ORG@example.org',
			password: 'Organizer-2026!'
		});
		expect(again).toEqual({ ok: false, reason: 'email_taken' });
		expect(
			(await actions()).filter((action) => action === 'auth.user_create').length
		).toBeGreaterThanOrEqual(3);
	});

	it('grants a regional role once, only to staff, only for an existing region', async () => {
		const [region] = await database.db
			.insert(table.region)
			.values({ code: '370000', name: '山东省', level: 'province' })
			.returning({ id: table.region.id });
		expect(
			await grantRole(database.db, actor(), organizerId, { role: 'organizer', regionId: region.id })
		).toEqual({ ok: true });
		expect(
			await grantRole(database.db, actor(), organizerId, { role: 'organizer', regionId: region.id })
		).toEqual({
			ok: false,
			reason: 'exists'
		});
		expect(
			await grantRole(database.db, actor(), organizerId, { role: 'leader', regionId: 999_999 })
		).toEqual({
			ok: false,
			reason: 'no_region'
		});
		const [juror] = await database.db
			.select()
			.from(table.appUser)
			.where(eq(table.appUser.kind, 'juror'));
		expect(
			await grantRole(database.db, actor(), juror.id, { role: 'leader', regionId: null })
		).toEqual({
			ok: false,
			reason: 'not_staff'
		});
		expect((await getAuthUser(database.db, organizerId))?.roles).toEqual([
			{ role: 'organizer', regionId: region.id }
		]);
		expect(await actions()).toContain('auth.role_grant');
	});

	it('never removes the admin role from the last administrator', async () => {
		const [grant] = await database.db
			.select()
			.from(table.roleGrant)
			.where(eq(table.roleGrant.userId, adminId));
		expect(await revokeRole(database.db, actor(), grant.id)).toEqual({
			ok: false,
			reason: 'last_admin'
		});
		expect(await revokeRole(database.db, actor(), grant.id, adminId + 1000)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		await grantRole(database.db, actor(), organizerId, { role: 'admin', regionId: null });
		expect(await revokeRole(database.db, actor(), grant.id)).toEqual({ ok: true });
		expect(await actions()).toContain('auth.role_revoke');
		await grantRole(database.db, actor(), adminId, { role: 'admin', regionId: null });
	});

	it('ends every session of a disabled user at once, and on request', async () => {
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const token of tokens)
			await createSession(database.db, token, { id: organizerId, kind: 'staff' });
		expect(await setDisabled(database.db, actor(), organizerId, true)).toBe(true);
		for (const token of tokens)
			expect((await validateSessionToken(database.db, token)).user).toBeNull();
		expect(await setDisabled(database.db, actor(), organizerId, false)).toBe(true);

		await createSession(database.db, tokens[0], { id: organizerId, kind: 'staff' });
		expect(await endAllSessions(database.db, actor(), organizerId)).toBe(1);
		expect(await actions()).toEqual(
			expect.arrayContaining(['auth.user_disable', 'auth.sessions_revoke'])
		);
	});

	it('changes a password only with the current one, and signs out the other sessions', async () => {
		const here = generateSessionToken();
		const elsewhere = generateSessionToken();
		const session = await createSession(database.db, here, { id: organizerId, kind: 'staff' });
		await createSession(database.db, elsewhere, { id: organizerId, kind: 'staff' });
		const me = { id: organizerId, label: 'org@example.org' };
		expect(
			await changePassword(database.db, {
				actor: me,
				sessionId: session.id,
				current: 'wrong',
				next: 'Brand-New-2026!'
			})
		).toEqual({ ok: false, reason: 'wrong_current' });
		expect(
			await changePassword(database.db, {
				actor: me,
				sessionId: session.id,
				current: 'Organizer-2026!',
				next: 'Brand-New-2026!'
			})
		).toEqual({ ok: true });
		expect((await validateSessionToken(database.db, here)).user).not.toBeNull();
		expect((await validateSessionToken(database.db, elsewhere)).user).toBeNull();
		const signIn = await signInWithPassword(database.db, {
			email: 'org@example.org',
			password: 'Brand-New-2026!',
			ip: undefined,
			throttle: throttle()
		});
		expect(signIn.ok).toBe(true);
	});

	it('leaves an intact audit chain behind', async () => {
		expect(await verifyAuditChain(database.db)).toBeNull();
	});
});

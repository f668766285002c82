import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import {
	issueInvitationCode,
	listInvitationCodes,
	redeemInvitationCode,
	revokeInvitationCode
} from './invitation';
import { validateSessionToken } from './session';
import { insertJurorUser, insertStaffUser, setUserDisabled } from './users';

let database: TestDatabase;
let jurorId: number;
let staffId: number;
const admin = { id: 0, label: 'admin@example.org' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

beforeAll(async () => {
	database = await createTestDatabase();
	jurorId = await insertJurorUser(database.db, { displayName: '李四' });
	staffId = (await insertStaffUser(database.db, {
		email: 'staff@example.org',
		displayName: 'Staff',
		passwordHash: 'x'
	})) as number;
	admin.id = staffId;
});
afterAll(() => database?.dispose());

describe('juror invitation codes', () => {
	it('sign the juror in once, typed in any case, and never twice', async () => {
		const issued = await issueInvitationCode(database.db, {
			userId: jurorId,
			expiresAt: inDays(7),
			createdBy: admin
		});
		expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

		const first = await redeemInvitationCode(database.db, { code: issued.code.toLowerCase() });
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const signedIn = await validateSessionToken(database.db, first.token);
		expect(signedIn.user).toMatchObject({ id: jurorId, kind: 'juror' });

		expect(await redeemInvitationCode(database.db, { code: issued.code })).toEqual({
			ok: false,
			reason: 'used'
		});
	});

	it('let exactly one of two simultaneous redemptions through', async () => {
		const issued = await issueInvitationCode(database.db, {
			userId: jurorId,
			expiresAt: inDays(7),
			createdBy: admin
		});
		const results = await Promise.all([
			redeemInvitationCode(database.db, { code: issued.code }),
			redeemInvitationCode(database.db, { code: issued.code })
		]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
	});

	it('stop working when they expire', async () => {
		const issued = await issueInvitationCode(database.db, {
			userId: jurorId,
			expiresAt: inDays(1),
			createdBy: admin
		});
		const result = await redeemInvitationCode(database.db, { code: issued.code, now: inDays(2) });
		expect(result).toEqual({ ok: false, reason: 'expired' });
	});

	it('stop working when revoked, and a used code cannot be revoked', async () => {
		const issued = await issueInvitationCode(database.db, {
			userId: jurorId,
			expiresAt: inDays(7),
			createdBy: admin
		});
		expect(
			await revokeInvitationCode(database.db, { codeId: issued.id, actor: admin, userId: staffId })
		).toBe(false);
		expect(await revokeInvitationCode(database.db, { codeId: issued.id, actor: admin })).toBe(true);
		expect(await redeemInvitationCode(database.db, { code: issued.code })).toEqual({
			ok: false,
			reason: 'revoked'
		});
		expect(await revokeInvitationCode(database.db, { codeId: issued.id, actor: admin })).toBe(
			false
		);
	});

	it('stop working while the juror account is disabled', async () => {
		const issued = await issueInvitationCode(database.db, {
			userId: jurorId,
			expiresAt: inDays(7),
			createdBy: admin
		});
		await setUserDisabled(database.db, jurorId, new Date());
		const result = await redeemInvitationCode(database.db, { code: issued.code });
		await setUserDisabled(database.db, jurorId, null);
		expect(result).toEqual({ ok: false, reason: 'revoked' });
		expect((await redeemInvitationCode(database.db, { code: issued.code })).ok).toBe(true);
	});

	it('tell an unknown code from one that cannot be a code', async () => {
		expect(await redeemInvitationCode(database.db, { code: 'ZZZZ-ZZZZ' })).toEqual({
			ok: false,
			reason: 'unknown'
		});
		expect(await redeemInvitationCode(database.db, { code: 'hello' })).toEqual({
			ok: false,
			reason: 'malformed'
		});
	});

	it('are only issued to juror accounts', async () => {
		await expect(
			issueInvitationCode(database.db, { userId: staffId, expiresAt: inDays(7), createdBy: admin })
		).rejects.toThrow(/not a juror/);
	});

	it('are listed for the juror with their state, newest first, without the code itself', async () => {
		const codes = await listInvitationCodes(database.db, jurorId);
		expect(codes.length).toBeGreaterThanOrEqual(5);
		expect(codes.some((code) => code.usedAt !== null)).toBe(true);
		expect(codes.some((code) => code.revokedAt !== null)).toBe(true);
		expect(Object.keys(codes[0])).not.toContain('codeHash');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { redeemInvitationCode } from '$lib/server/auth/invitation';
import { setUserDisabled } from '$lib/server/auth/users';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { endMembership } from './membership';
import {
	countWithoutLiveCode,
	issueJurorCode,
	issueRosterCodes,
	revokeLiveCodes
} from './invitations';
import { addActiveJuror, createPlace, createStaff, type Place } from './test-fixtures';
import { JuryError } from './types';

let database: TestDatabase;
let place: Place;
let staff: { id: number; label: string };

beforeAll(async () => {
	database = await createTestDatabase();
	place = await createPlace(database.db);
	staff = await createStaff(database.db);
});
afterAll(async () => {
	await database?.dispose();
});

async function userOf(jurorId: number): Promise<number> {
	const [row] = await database.db
		.select({ userId: table.juror.userId })
		.from(table.juror)
		.where(eq(table.juror.id, jurorId));
	if (!row?.userId) throw new Error('juror has no account');
	return row.userId;
}

describe('reissuing a juror sign-in code', () => {
	it('revokes the earlier unused code, so a lost card stops working', async () => {
		const { db } = database;
		const jurorId = await addActiveJuror(db, place, 'enterprise_staff');
		const first = await issueJurorCode(db, jurorId, staff);
		expect(first.revoked).toBe(0);
		const second = await issueJurorCode(db, jurorId, staff);
		expect(second.revoked).toBe(1);

		const lost = await redeemInvitationCode(db, { code: first.code });
		expect(lost).toEqual({ ok: false, reason: 'revoked' });
		const fresh = await redeemInvitationCode(db, { code: second.code });
		expect(fresh.ok).toBe(true);

		const revocations = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'auth.code_revoke'));
		expect(revocations.map((event) => event.details)).toContainEqual({
			codeId: first.id,
			reason: 'reissued'
		});
	});

	it('leaves used codes as they are and revokes nothing when no code is live', async () => {
		const { db } = database;
		const jurorId = await addActiveJuror(db, place, 'enterprise_staff');
		const first = await issueJurorCode(db, jurorId, staff);
		expect((await redeemInvitationCode(db, { code: first.code })).ok).toBe(true);
		const second = await issueJurorCode(db, jurorId, staff);
		expect(second.revoked).toBe(0);
		expect(await revokeLiveCodes(db, await userOf(jurorId), staff)).toBe(1);
	});

	it('refuses with a reason when an administrator disabled the juror account', async () => {
		const { db } = database;
		const jurorId = await addActiveJuror(db, place, 'enterprise_staff');
		await issueJurorCode(db, jurorId, staff);
		await setUserDisabled(db, await userOf(jurorId), new Date());
		await expect(issueJurorCode(db, jurorId, staff)).rejects.toThrow(JuryError);
	});
});

describe('issuing codes to the whole roster', () => {
	it('issues one code to every active member without a working code, in rounds', async () => {
		const fresh = await createTestDatabase();
		try {
			const { db } = fresh;
			const here = await createPlace(db);
			const actor = await createStaff(db);
			const ids: number[] = [];
			for (let i = 0; i < 7; i++) ids.push(await addActiveJuror(db, here, 'enterprise_staff'));
			const supervisor = await addActiveJuror(db, here, 'npc_deputy', { roster: 'supervisor' });
			const gone = await addActiveJuror(db, here, 'enterprise_staff');
			await endMembership(db, gone, 'withdrawn', '搬家', actor);
			const holder = await issueJurorCode(db, ids[0], actor);
			expect(await countWithoutLiveCode(db, 'jury', null)).toBe(6);

			const first = await issueRosterCodes(db, { roster: 'jury', scope: null, limit: 4 }, actor);
			expect(first.codes.map((code) => code.jurorId)).toEqual(ids.slice(1, 5));
			expect(first.remaining).toBe(2);
			const second = await issueRosterCodes(db, { roster: 'jury', scope: null }, actor);
			expect(second.codes.map((code) => code.jurorId)).toEqual(ids.slice(5));
			expect(second.remaining).toBe(0);
			const third = await issueRosterCodes(db, { roster: 'jury', scope: null }, actor);
			expect(third.codes).toEqual([]);

			// Cards already handed out keep working; other rosters and former members get nothing.
			expect((await redeemInvitationCode(db, { code: holder.code })).ok).toBe(true);
			const issuedTo = [...first.codes, ...second.codes].map((code) => code.jurorId);
			expect(issuedTo).not.toContain(supervisor);
			expect(issuedTo).not.toContain(gone);
			// A used code is no longer working: the member is due a new card in the next round.
			expect(await countWithoutLiveCode(db, 'jury', null)).toBe(1);
		} finally {
			await fresh.dispose();
		}
	});

	it('issues only to members in the organizer regions', async () => {
		const fresh = await createTestDatabase();
		try {
			const { db } = fresh;
			const here = await createPlace(db);
			const actor = await createStaff(db);
			await addActiveJuror(db, here, 'enterprise_staff');
			expect(await countWithoutLiveCode(db, 'jury', [])).toBe(0);
			const none = await issueRosterCodes(db, { roster: 'jury', scope: [] }, actor);
			expect(none.codes).toEqual([]);
			const mine = await issueRosterCodes(db, { roster: 'jury', scope: [here.districtId] }, actor);
			expect(mine.codes).toHaveLength(1);
		} finally {
			await fresh.dispose();
		}
	});
});

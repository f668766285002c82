import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { hashPassword } from './password';
import { validateSessionToken } from './session';
import { signInWithPassword } from './sign-in';
import { FailureThrottle } from './throttle';
import { insertStaffUser, setUserDisabled } from './users';

let database: TestDatabase;
let userId: number;
const password = 'Correct-Horse-42';

const freshThrottle = () =>
	new FailureThrottle({
		account: { capacity: 3, refillPerSecond: 1 / 60 },
		ip: { capacity: 5, refillPerSecond: 1 / 6 }
	});

async function lastAudit() {
	const [event] = await database.db
		.select()
		.from(table.auditEvent)
		.orderBy(desc(table.auditEvent.seq))
		.limit(1);
	return event;
}

beforeAll(async () => {
	database = await createTestDatabase();
	userId = (await insertStaffUser(database.db, {
		email: 'leader@example.org',
		displayName: 'Leader',
		passwordHash: await hashPassword(password)
	})) as number;
});
afterAll(() => database?.dispose());

describe('password sign-in', () => {
	it('opens a session for the right password, whatever the email case, and records it', async () => {
		const result = await signInWithPassword(database.db, {
			email: ' Leader@Example.ORG ',
			password,
			ip: '10.0.0.1',
			throttle: freshThrottle()
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(database.db, result.token)).user?.id).toBe(userId);
		expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in', actorUserId: userId });
	});

	it('answers a wrong password and an unknown email the same way, and records both', async () => {
		const throttle = freshThrottle();
		const wrong = await signInWithPassword(database.db, {
			email: 'leader@example.org',
			password: 'Wrong-Horse-42',
			ip: '10.0.0.2',
			throttle
		});
		expect(await lastAudit()).toMatchObject({
			action: 'auth.sign_in_failed',
			subjectId: String(userId)
		});
		const unknown = await signInWithPassword(database.db, {
			email: 'nobody@example.org',
			password,
			ip: '10.0.0.2',
			throttle
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in_failed', subjectId: null });
	});

	it('refuses a disabled account with the same generic answer', async () => {
		await setUserDisabled(database.db, userId, new Date());
		const result = await signInWithPassword(database.db, {
			email: 'leader@example.org',
			password,
			ip: '10.0.0.3',
			throttle: freshThrottle()
		});
		await setUserDisabled(database.db, userId, null);
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	});

	it('throttles wrong passwords per account, even the right password, with a retry time', async () => {
		const throttle = freshThrottle();
		for (let i = 0; i < 3; i++) {
			const ip = `10.1.0.${i}`;
			await signInWithPassword(database.db, {
				email: 'leader@example.org',
				password: 'nope',
				ip,
				throttle
			});
		}
		const blocked = await signInWithPassword(database.db, {
			email: 'leader@example.org',
			password,
			ip: '10.1.0.9',
			throttle
		});
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		expect(
			blocked.ok === false && blocked.reason === 'throttled' && blocked.retryAfterSeconds
		).toBeGreaterThan(0);
	});

	it('throttles one IP guessing across many accounts', async () => {
		const throttle = freshThrottle();
		for (let i = 0; i < 5; i++) {
			await signInWithPassword(database.db, {
				email: `guess${i}@example.org`,
				password: 'nope',
				ip: '10.2.0.1',
				throttle
			});
		}
		const blocked = await signInWithPassword(database.db, {
			email: 'leader@example.org',
			password,
			ip: '10.2.0.1',
			throttle
		});
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		const elsewhere = await signInWithPassword(database.db, {
			email: 'leader@example.org',
			password,
			ip: '10.2.0.2',
			throttle
		});
		expect(elsewhere.ok).toBe(true);
	});
});

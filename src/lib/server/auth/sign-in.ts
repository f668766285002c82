import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession, deleteExpiredSessions } from './session';
import { passwordThrottle, type FailureThrottle } from './throttle';
import { generateSessionToken } from './token';
import type { AuthSession } from './types';
import { findStaffByEmail, normalizeEmail } from './users';

export type SignInResult =
	| { ok: true; token: string; session: AuthSession }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export interface SignInInput {
	email: string;
	password: string;
	ip: string | undefined;
	throttle?: FailureThrottle;
	now?: Date;
}

/**
 * Email and password sign-in. Every failure looks the same to the caller (no account, wrong
 * password, disabled account), and costs the same argon2 time, so the form does not reveal which
 * emails exist. Failures are throttled per account and per IP and recorded in the audit trail.
 */
export async function signInWithPassword(db: Database, input: SignInInput): Promise<SignInResult> {
	const throttle = input.throttle ?? passwordThrottle;
	const email = normalizeEmail(input.email).slice(0, 320);
	const keys = { account: email, ip: input.ip };
	const gate = throttle.check(keys);
	if (!gate.allowed)
		return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };

	const user = await findStaffByEmail(db, email);
	const passwordOk =
		user?.passwordHash && !user.disabledAt
			? await verifyPassword(user.passwordHash, input.password)
			: await verifyAgainstDummy(input.password);

	if (!user || !passwordOk) {
		throttle.fail(keys);
		await recordAuditEvent(db, {
			action: 'auth.sign_in_failed',
			subjectType: user ? 'user' : undefined,
			subjectId: user?.id,
			details: { email, ip: input.ip ?? null }
		});
		return { ok: false, reason: 'invalid' };
	}

	throttle.succeed(keys, ['account']);
	const token = generateSessionToken();
	const now = input.now ?? new Date();
	const session = await db.transaction(async (tx) => {
		const created = await createSession(tx, token, { id: user.id, kind: 'staff' }, now);
		await recordAuditEvent(tx, {
			actor: { id: user.id, label: user.email },
			action: 'auth.sign_in',
			subjectType: 'user',
			subjectId: user.id,
			details: { ip: input.ip ?? null }
		});
		return created;
	});
	await deleteExpiredSessions(db, now);
	return { ok: true, token, session };
}

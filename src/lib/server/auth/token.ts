import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens as lucia-auth.com's session guide builds them: 20 random bytes (160 bits, above the
 * 128-bit floor) from the system's CSPRNG, base32 lower-case so the token is case-insensitive and
 * cookie-safe. Only the SHA-256 of the token is stored, as the session id: a leaked session table
 * holds nothing that signs anyone in.
 */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The session id for a token: hex(SHA-256(token)). Also used for invitation codes. Node's native
 * hash: every signed-in request (every juror's ballot) pays for it, once.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Confirms in constant time that a stored id is the id (`hashToken`) of the presented token. The
 * database found the row by this id already; comparing again here means the decision never rests on
 * how a driver or a collation compares strings, and takes the same time whatever the inputs share.
 */
export function sessionIdMatches(id: string, storedId: string): boolean {
	const hex = /^[0-9a-f]{64}$/;
	if (!hex.test(id) || !hex.test(storedId)) return false;
	return timingSafeEqual(Buffer.from(id, 'hex'), Buffer.from(storedId, 'hex'));
}

/** A token the browser sent is only worth a database look-up if it has the shape we issue. */
export function isWellFormedToken(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}

export interface SessionPolicy {
	/** Signed out after this long without a request. */
	inactivityMs: number;
	/** Signed out this long after sign-in, however active. */
	absoluteMs: number;
	/** The expiry slides at most this often, so not every request writes to the database. */
	renewIntervalMs: number;
}

const hour = 3_600_000;

/** Staff work in long sittings; a juror's session only needs to last through one ballot or evening. */
export const sessionPolicies: Record<'staff' | 'juror', SessionPolicy> = {
	staff: { inactivityMs: 12 * hour, absoluteMs: 14 * 24 * hour, renewIntervalMs: hour },
	juror: { inactivityMs: 4 * hour, absoluteMs: 3 * 24 * hour, renewIntervalMs: 15 * 60_000 }
};

export interface SessionTimes {
	createdAt: Date;
	lastUsedAt: Date;
	expiresAt: Date;
	absoluteExpiresAt: Date;
}

/** The times of a session created now. */
export function newSessionTimes(policy: SessionPolicy, now: Date): SessionTimes {
	const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteMs);
	return {
		createdAt: now,
		lastUsedAt: now,
		expiresAt: minDate(new Date(now.getTime() + policy.inactivityMs), absoluteExpiresAt),
		absoluteExpiresAt
	};
}

export type SessionCheck =
	{ state: 'expired' } | { state: 'valid' } | { state: 'renew'; lastUsedAt: Date; expiresAt: Date };

/**
 * What to do with a stored session at `now`: refuse it when either deadline has passed; slide the
 * inactivity deadline when it was last moved more than `renewIntervalMs` ago (never past the
 * absolute one); otherwise use it as it is.
 */
export function checkSession(
	times: Pick<SessionTimes, 'lastUsedAt' | 'expiresAt' | 'absoluteExpiresAt'>,
	policy: SessionPolicy,
	now: Date
): SessionCheck {
	const t = now.getTime();
	if (t >= times.expiresAt.getTime() || t >= times.absoluteExpiresAt.getTime()) {
		return { state: 'expired' };
	}
	if (t - times.lastUsedAt.getTime() < policy.renewIntervalMs) return { state: 'valid' };
	return {
		state: 'renew',
		lastUsedAt: now,
		expiresAt: minDate(new Date(t + policy.inactivityMs), times.absoluteExpiresAt)
	};
}

function minDate(a: Date, b: Date): Date {
	return a.getTime() <= b.getTime() ? a : b;
}

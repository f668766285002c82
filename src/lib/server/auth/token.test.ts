import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkSession,
	generateSessionToken,
	hashToken,
	isWellFormedToken,
	newSessionTimes,
	sessionPolicies,
	sessionIdMatches,
	type SessionPolicy
} from './token';

const policy: SessionPolicy = {
	inactivityMs: 10 * 60_000,
	absoluteMs: 60 * 60_000,
	renewIntervalMs: 60_000
};
const start = new Date('2026-05-01T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('session tokens', () => {
	it('are 32 lower-case base32 characters carrying 160 random bits', () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(isWellFormedToken(token)).toBe(true);
	});

	it('do not repeat across many draws', () => {
		const tokens = new Set(Array.from({ length: 2000 }, generateSessionToken));
		expect(tokens.size).toBe(2000);
	});

	it('are stored as the lower-case hex SHA-256 of the token', () => {
		// FIPS 180-2 test vector for "abc".
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		const token = generateSessionToken();
		expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(token)).not.toContain(token);
	});

	it('match only the id made from them, and never a malformed id', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				expect(sessionIdMatches(hashToken(a), hashToken(a))).toBe(true);
				expect(sessionIdMatches(hashToken(b), hashToken(a))).toBe(a === b);
			})
		);
		const token = generateSessionToken();
		expect(sessionIdMatches(hashToken(token), hashToken(token).toUpperCase())).toBe(false);
		expect(sessionIdMatches(hashToken(token), hashToken(token).slice(1))).toBe(false);
		expect(sessionIdMatches(hashToken(token), '')).toBe(false);
	});

	it('are refused before any look-up when they do not have the issued shape', () => {
		expect(isWellFormedToken('')).toBe(false);
		expect(isWellFormedToken(generateSessionToken().toUpperCase())).toBe(false);
		expect(isWellFormedToken(generateSessionToken() + 'a')).toBe(false);
		expect(isWellFormedToken("' or 1=1 --aaaaaaaaaaaaaaaaaaaaaa")).toBe(false);
	});
});

describe('session lifetime', () => {
	it('starts with the inactivity deadline ahead of the absolute one', () => {
		const times = newSessionTimes(policy, start);
		expect(times.createdAt).toEqual(start);
		expect(times.expiresAt).toEqual(at(10));
		expect(times.absoluteExpiresAt).toEqual(at(60));
	});

	it('never starts with an inactivity deadline past the absolute one', () => {
		const times = newSessionTimes({ ...policy, inactivityMs: 2 * policy.absoluteMs }, start);
		expect(times.expiresAt).toEqual(times.absoluteExpiresAt);
	});

	it('is used as it is within the renewal interval', () => {
		const times = newSessionTimes(policy, start);
		expect(checkSession(times, policy, at(0.5))).toEqual({ state: 'valid' });
	});

	it('slides the inactivity deadline forward once the interval has passed', () => {
		const times = newSessionTimes(policy, start);
		expect(checkSession(times, policy, at(5))).toEqual({
			state: 'renew',
			lastUsedAt: at(5),
			expiresAt: at(15)
		});
	});

	it('expires after the inactivity timeout without use', () => {
		const times = newSessionTimes(policy, start);
		expect(checkSession(times, policy, at(10))).toEqual({ state: 'expired' });
		expect(checkSession(times, policy, at(9.99))).not.toEqual({ state: 'expired' });
	});

	it('expires at the absolute lifetime however active it was, and renewal never passes it', () => {
		let times = newSessionTimes(policy, start);
		for (let minute = 5; minute < 60; minute += 5) {
			const check = checkSession(times, policy, at(minute));
			expect(check.state).toBe('renew');
			if (check.state !== 'renew') return;
			expect(check.expiresAt.getTime()).toBeLessThanOrEqual(times.absoluteExpiresAt.getTime());
			times = { ...times, lastUsedAt: check.lastUsedAt, expiresAt: check.expiresAt };
		}
		expect(checkSession(times, policy, at(60))).toEqual({ state: 'expired' });
	});

	it('is never valid past either deadline, whatever the timing (property)', () => {
		fc.assert(
			fc.property(fc.nat(200), fc.nat(200), (usedMinute, nowMinute) => {
				const created = newSessionTimes(policy, start);
				const times = {
					...created,
					lastUsedAt: at(usedMinute),
					expiresAt: new Date(
						Math.min(at(usedMinute + 10).getTime(), created.absoluteExpiresAt.getTime())
					)
				};
				const check = checkSession(times, policy, at(nowMinute));
				const pastDeadline = nowMinute >= usedMinute + 10 || nowMinute >= 60;
				expect(check.state === 'expired').toBe(pastDeadline);
			})
		);
	});

	it('gives jurors shorter sessions than staff', () => {
		expect(sessionPolicies.juror.absoluteMs).toBeLessThan(sessionPolicies.staff.absoluteMs);
		expect(sessionPolicies.juror.inactivityMs).toBeLessThan(sessionPolicies.staff.inactivityMs);
	});
});

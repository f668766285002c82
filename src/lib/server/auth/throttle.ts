import { TokenBucketLimiter } from '$lib/server/rate-limit';

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts failed sign-ins per key group (an account, an IP). Only failures take tokens, so a person
 * who signs in correctly is never slowed; a check before the password hash is computed means a
 * throttled attacker does not even cost us an argon2 run.
 */
export class FailureThrottle {
	readonly #limiters: Map<string, TokenBucketLimiter>;

	constructor(groups: Record<string, { capacity: number; refillPerSecond: number }>) {
		this.#limiters = new Map(
			Object.entries(groups).map(([name, options]) => [name, new TokenBucketLimiter(options)])
		);
	}

	/** Would an attempt with these keys be allowed? Keys are per group; absent groups are skipped. */
	check(keys: Record<string, string | undefined>): ThrottleResult {
		let wait = 0;
		for (const [group, key] of Object.entries(keys)) {
			if (key === undefined) continue;
			const result = this.#limiters.get(group)?.peek(key);
			if (result && !result.allowed) wait = Math.max(wait, result.retryAfterSeconds);
		}
		return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
	}

	fail(keys: Record<string, string | undefined>): void {
		for (const [group, key] of Object.entries(keys)) {
			if (key !== undefined) this.#limiters.get(group)?.take(key);
		}
	}

	/** After a success the account starts afresh; the IP's count stays (one good login between
	 * guesses must not reset a guessing IP). */
	succeed(keys: Record<string, string | undefined>, groups: string[]): void {
		for (const group of groups) {
			const key = keys[group];
			if (key !== undefined) this.#limiters.get(group)?.reset(key);
		}
	}
}

/** 5 wrong passwords per account, then one more every minute; 20 per IP, then one every 6 s. */
export const passwordThrottle = new FailureThrottle({
	account: { capacity: 5, refillPerSecond: 1 / 60 },
	ip: { capacity: 20, refillPerSecond: 1 / 6 }
});

/** Invitation codes are short (40 bits), so wrong guesses are limited harder per IP. */
export const codeThrottle = new FailureThrottle({
	ip: { capacity: 10, refillPerSecond: 1 / 30 }
});

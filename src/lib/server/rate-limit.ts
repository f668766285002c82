/**
 * Token buckets kept in memory, one per key (an account, an IP, a phone number). Each bucket holds
 * up to `capacity` tokens and regains `refillPerSecond`; a request takes one token or is refused with
 * the time until the next token. In-memory is enough for one instance; several instances each keep
 * their own buckets, which only makes the limit per instance (documented in docs/SCALING.md).
 */
export interface TokenBucketOptions {
	capacity: number;
	refillPerSecond: number;
	/** Buckets idle this long are forgotten, so the map does not grow without bound. */
	idleMs?: number;
	now?: () => number;
}

export interface TakeResult {
	allowed: boolean;
	/** Seconds until a token is available again (0 when allowed). */
	retryAfterSeconds: number;
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

export class TokenBucketLimiter {
	readonly #buckets = new Map<string, Bucket>();
	readonly #options: Required<TokenBucketOptions>;

	constructor(options: TokenBucketOptions) {
		this.#options = { idleMs: 3_600_000, now: Date.now, ...options };
	}

	/** Takes one token for `key` if there is one. */
	take(key: string): TakeResult {
		const bucket = this.#refilled(key);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { allowed: true, retryAfterSeconds: 0 };
		}
		const missing = 1 - bucket.tokens;
		return {
			allowed: false,
			retryAfterSeconds: Math.ceil(missing / this.#options.refillPerSecond)
		};
	}

	/** Looks without taking: would a request for `key` be allowed now? */
	peek(key: string): TakeResult {
		const bucket = this.#refilled(key);
		if (bucket.tokens >= 1) return { allowed: true, retryAfterSeconds: 0 };
		return {
			allowed: false,
			retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#options.refillPerSecond)
		};
	}

	/** Forgets a key, e.g. after a successful sign-in. */
	reset(key: string): void {
		this.#buckets.delete(key);
	}

	#refilled(key: string): Bucket {
		const now = this.#options.now();
		this.#sweep(now);
		const bucket = this.#buckets.get(key) ?? { tokens: this.#options.capacity, updatedAt: now };
		const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
		bucket.tokens = Math.min(
			this.#options.capacity,
			bucket.tokens + elapsedSeconds * this.#options.refillPerSecond
		);
		bucket.updatedAt = now;
		this.#buckets.set(key, bucket);
		return bucket;
	}

	#lastSweep = 0;
	#sweep(now: number): void {
		if (now - this.#lastSweep < 60_000) return;
		this.#lastSweep = now;
		for (const [key, bucket] of this.#buckets) {
			if (now - bucket.updatedAt > this.#options.idleMs) this.#buckets.delete(key);
		}
	}
}

import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit';

describe('TokenBucketLimiter', () => {
	it('allows a burst up to capacity, then refuses with the wait until the next token', () => {
		let now = 0;
		const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5, now: () => now });
		expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
		expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
		expect(limiter.take('b').allowed).toBe(true);
		now += 2000;
		expect(limiter.take('a').allowed).toBe(true);
		expect(limiter.take('a').allowed).toBe(false);
	});

	it('forgets a key on reset', () => {
		const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0.01 });
		limiter.take('x');
		expect(limiter.peek('x').allowed).toBe(false);
		limiter.reset('x');
		expect(limiter.peek('x').allowed).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import { createAudienceLimits } from './audience-limits';

describe('audience limits from the environment', () => {
	it('hold a burst of the configured size per address, then refill over the minute', () => {
		let now = 0;
		const limits = createAudienceLimits(
			{ AUDIENCE_TOKENS_PER_IP_PER_MINUTE: '2', AUDIENCE_BALLOTS_PER_IP_PER_MINUTE: '60' },
			() => now
		);
		expect(limits.tokens.take('a').allowed).toBe(true);
		expect(limits.tokens.take('a').allowed).toBe(true);
		expect(limits.tokens.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
		expect(limits.tokens.take('b').allowed).toBe(true);
		now = 30_000;
		expect(limits.tokens.take('a').allowed).toBe(true);
		for (let i = 0; i < 60; i++) expect(limits.ballots.take('a').allowed).toBe(true);
		expect(limits.ballots.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
	});

	it('report a bad value, naming the variable, and use the default of 30', () => {
		const reports: string[] = [];
		const limits = createAudienceLimits(
			{ AUDIENCE_TOKENS_PER_IP_PER_MINUTE: 'lots', AUDIENCE_BALLOTS_PER_IP_PER_MINUTE: '' },
			() => 0,
			(message) => reports.push(message)
		);
		expect(reports).toEqual([
			'AUDIENCE_TOKENS_PER_IP_PER_MINUTE must be a whole number from 1 to 1000000, not "lots"; using 30'
		]);
		for (let i = 0; i < 30; i++) expect(limits.tokens.take('a').allowed).toBe(true);
		expect(limits.tokens.take('a').allowed).toBe(false);
	});
});

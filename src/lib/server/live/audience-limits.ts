/**
 * Per-address limits of the audience page, instead of a CAPTCHA: how many audience tokens one
 * address may take, and how many ballots it may send, per minute. Token buckets in memory (one
 * instance; several instances each keep their own, see docs/SCALING.md), sized from the
 * environment when first used:
 *
 * - AUDIENCE_TOKENS_PER_IP_PER_MINUTE (default 30)
 * - AUDIENCE_BALLOTS_PER_IP_PER_MINUTE (default 30)
 *
 * Each allows a burst of that many and refills evenly over the minute. Viewers behind one
 * carrier-grade NAT share an address, so a city-wide broadcast should raise both.
 */
import { env } from '$env/dynamic/private';
import { perMinuteLimit } from '$lib/domain/audience';
import { TokenBucketLimiter } from '$lib/server/rate-limit';

export const defaultTokensPerMinute = 30;
export const defaultBallotsPerMinute = 30;

export interface AudienceLimits {
	/** Taken when the page hands a device a new token. */
	tokens: TokenBucketLimiter;
	/** Taken by every ballot sent from the page. */
	ballots: TokenBucketLimiter;
}

export function createAudienceLimits(
	vars: Record<string, string | undefined>,
	now?: () => number
): AudienceLimits {
	const tokens = perMinuteLimit(
		'AUDIENCE_TOKENS_PER_IP_PER_MINUTE',
		vars.AUDIENCE_TOKENS_PER_IP_PER_MINUTE,
		defaultTokensPerMinute
	);
	const ballots = perMinuteLimit(
		'AUDIENCE_BALLOTS_PER_IP_PER_MINUTE',
		vars.AUDIENCE_BALLOTS_PER_IP_PER_MINUTE,
		defaultBallotsPerMinute
	);
	return {
		tokens: new TokenBucketLimiter({ ...tokens, ...(now ? { now } : {}) }),
		ballots: new TokenBucketLimiter({ ...ballots, ...(now ? { now } : {}) })
	};
}

let limits: AudienceLimits | undefined;

/** The app's limits, read from the environment on first use. */
export function audienceLimits(): AudienceLimits {
	limits ??= createAudienceLimits(env);
	return limits;
}

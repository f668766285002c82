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

/**
 * The limits from these variables. A value that is not a whole number from 1 to a million is
 * reported (the log names the variable) and the default is used: a typo in the configuration
 * must not take the audience page down in the middle of a broadcast.
 */
export function createAudienceLimits(
	vars: Record<string, string | undefined>,
	now?: () => number,
	report: (message: string) => void = (message) => console.error(`minping: ${message}`)
): AudienceLimits {
	const read = (name: string, fallback: number) => {
		try {
			return perMinuteLimit(name, vars[name], fallback);
		} catch (error) {
			report(`${(error as Error).message}; using ${fallback}`);
			return perMinuteLimit(name, undefined, fallback);
		}
	};
	const tokens = read('AUDIENCE_TOKENS_PER_IP_PER_MINUTE', defaultTokensPerMinute);
	const ballots = read('AUDIENCE_BALLOTS_PER_IP_PER_MINUTE', defaultBallotsPerMinute);
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

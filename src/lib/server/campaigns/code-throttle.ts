import { TokenBucketLimiter, type TakeResult } from '$lib/server/rate-limit';

/**
 * Wrong ballot codes, per address, for the vote page and the JSON ballot alike. Only codes that
 * name no card count: a whole hall of voters may share one address on the venue's network, and
 * the same people reload, go back and rescan their spent cards after voting. A spent or expired
 * card is a real card, not a guess.
 */
export const wrongCodes = new TokenBucketLimiter({ capacity: 30, refillPerSecond: 0.5 });

/**
 * Counts a code that names no card against the address, after the look-up: a right code is
 * never throttled, whatever the address tried before. Refused (429) once the address has used
 * up its tries; otherwise the caller answers "unknown code" (404).
 */
export function countWrongCode(address: string): TakeResult {
	return wrongCodes.take(address);
}

import { TokenBucketLimiter } from '$lib/server/rate-limit';

/**
 * Wrong ballot codes, per address, for the vote page and the JSON ballot alike. Right codes are
 * not counted: a whole hall of voters may share one address on the venue's network.
 */
export const wrongCodes = new TokenBucketLimiter({ capacity: 30, refillPerSecond: 0.5 });

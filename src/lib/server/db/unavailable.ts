/**
 * Whether an error means "the database cannot be reached right now" (a restart, a failover, a
 * dropped connection) rather than a bug or bad input. Ballot routes answer those with 503 and
 * Retry-After, so a phone or a load balancer knows that sending the same ballot again (same
 * idempotency key) is the right thing to do: nothing was stored.
 */
const driverCodes = new Set([
	// postgres.js
	'CONNECTION_CLOSED',
	'CONNECTION_DESTROYED',
	'CONNECTION_ENDED',
	'CONNECT_TIMEOUT',
	// Node sockets
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT'
]);

// SQLSTATE 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is
// "connection exception".
const sqlStatePattern = /^(57P0[123]|08[0-9A-Z]{3})$/;

export function isDatabaseUnavailable(error: unknown): boolean {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		if (typeof current !== 'object') return false;
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && (driverCodes.has(code) || sqlStatePattern.test(code)))
			return true;
		// Drizzle wraps driver errors ("Failed query: …") with the original as the cause.
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

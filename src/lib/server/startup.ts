import { env } from '$env/dynamic/private';
import { getDatabase } from './db';
import { describeConnectionError } from './db/connect';

/**
 * Runs once before the server takes requests: reach the database, apply pending migrations.
 * A failure prints one readable line and stops the process; a stack trace helps nobody who mistyped
 * DATABASE_URL.
 */
export async function startUp(): Promise<void> {
	const handle = getDatabase();
	try {
		await handle.ping();
		await handle.migrate();
	} catch (error) {
		console.error(describeConnectionError(handle, error));
		if (env.MINPING_DEBUG) console.error(error);
		process.exit(1);
	}
	console.log(`minping: database ${handle.kind} at ${handle.location}, migrations applied`);
}

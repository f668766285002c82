import { env } from '$env/dynamic/private';
import { getDatabase } from './db';
import { describeConnectionError } from './db/connect';
import { seedDemoOnFirstStart } from './demo/first-start';

/**
 * Runs once before the server takes requests: reach the database, apply pending migrations, and on
 * the first start of an embedded install seed the demo province. A connection failure prints one
 * readable line and stops the process; a stack trace helps nobody who mistyped DATABASE_URL.
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
	await seedDemoOnFirstStart(handle, env.SEED_DEMO);
}

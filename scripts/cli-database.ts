// The database the command-line scripts use: the same choice the app makes (DATABASE_URL, else
// PGlite under DATA_DIR), opened outside SvelteKit.
import {
	describeConnectionError,
	openDatabase,
	type DatabaseHandle
} from '../src/lib/server/db/connect';

export async function openCliDatabase(): Promise<DatabaseHandle> {
	const handle = openDatabase({
		url: process.env.DATABASE_URL || undefined,
		dataDir: process.env.DATA_DIR || 'data'
	});
	try {
		await handle.ping();
		await handle.migrate();
	} catch (error) {
		console.error(describeConnectionError(handle, error));
		process.exit(1);
	}
	return handle;
}

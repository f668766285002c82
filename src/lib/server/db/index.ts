import { env } from '$env/dynamic/private';
import { openDatabase, type DatabaseHandle } from './connect';

let handle: DatabaseHandle | undefined;

/** The app's database, opened on first use: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export function getDatabase(): DatabaseHandle {
	handle ??= openDatabase({ url: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || 'data' });
	return handle;
}

export type { Database, DatabaseHandle, DatabaseKind } from './connect';

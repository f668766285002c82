import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';

export interface TestDatabase extends DatabaseHandle {
	/** Closes the connection and drops the database made for this test file. */
	dispose(): Promise<void>;
}

/** The PostgreSQL server the suite runs against, or undefined for PGlite. */
export function testServerUrl(): string | undefined {
	return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server when
 * TEST_DATABASE_URL (or DATABASE_URL) is set, an in-memory PGlite otherwise. Files never share one,
 * so they can run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = testServerUrl();
	if (!serverUrl) {
		const handle = openDatabase({ dataDir: 'memory://' });
		await handle.migrate();
		return { ...handle, dispose: () => handle.close() };
	}
	const name = `minping_t_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = openDatabase({ url: url.toString(), maxConnections: 4 });
	await handle.migrate();
	return {
		...handle,
		dispose: async () => {
			await handle.close();
			const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
			try {
				await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await cleanup.end();
			}
		}
	};
}

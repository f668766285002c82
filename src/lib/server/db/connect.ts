import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import * as schema from './schema';

/** Both drivers give this type; queries are written once against it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
	db: Database;
	kind: DatabaseKind;
	/** Where the data lives, safe to print (no password). */
	location: string;
	migrate(): Promise<void>;
	ping(): Promise<void>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** A PostgreSQL URL; when absent the embedded PGlite database is used. */
	url?: string;
	/** Folder for PGlite's files; `memory://` keeps it in memory (tests). */
	dataDir?: string;
	/** Maximum pooled connections for PostgreSQL. */
	maxConnections?: number;
}

export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export function openDatabase(options: OpenOptions): DatabaseHandle {
	return options.url
		? openPostgres(options.url, options.maxConnections ?? 10)
		: openPglite(options.dataDir ?? 'data');
}

/**
 * Seconds a pooled connection waits before reconnecting after `retries` failed attempts.
 * postgres.js's default grows with the failures of the whole pool up to 20 s, so after a
 * PostgreSQL restart the app stayed unusable for up to 20 s after the server was back (found by
 * `npm run test:faults`, docs/FAULTS.md). Capped at 1 s; the jitter keeps a pool from
 * reconnecting in step. Ten connections at one attempt a second each are no load on a server.
 */
export function reconnectDelay(retries: number): number {
	return Math.min(0.05 * 2 ** Math.max(0, retries), 1) * (0.5 + Math.random() / 2);
}

function openPostgres(url: string, max: number): DatabaseHandle {
	const client = postgres(url, {
		max,
		onnotice: () => {},
		connect_timeout: 10,
		backoff: reconnectDelay
	});
	const db = drizzlePostgres(client, { schema });
	return {
		db,
		kind: 'postgres',
		location: redactUrl(url),
		migrate: () => migratePostgres(db, { migrationsFolder }),
		ping: async () => {
			await db.execute(sql`select 1`);
		},
		close: () => client.end({ timeout: 5 })
	};
}

function openPglite(dataDir: string): DatabaseHandle {
	const inMemory = dataDir.startsWith('memory://');
	const path = inMemory ? dataDir : resolve(dataDir, 'pglite');
	if (!inMemory) mkdirSync(path, { recursive: true });
	const client = new PGlite(path);
	const db = drizzlePglite(client, { schema });
	return {
		db,
		kind: 'pglite',
		location: path,
		migrate: () => migratePglite(db, { migrationsFolder }),
		ping: async () => {
			await db.execute(sql`select 1`);
		},
		close: () => client.close()
	};
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(unparseable DATABASE_URL)';
	}
}

/** One line that says what failed, for start-up errors: no stack traces for a wrong URL. */
export function describeConnectionError(
	handle: Pick<DatabaseHandle, 'kind' | 'location'>,
	error: unknown
): string {
	const root = rootCause(error);
	const detail = root instanceof Error ? root.message || root.name : String(root);
	const code = (root as { code?: string } | null)?.code;
	const what = handle.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)';
	const prefix = code && !detail.includes(code) ? `${code} ` : '';
	return `minping: cannot open ${what} at ${handle.location}: ${prefix}${detail}`.replace(
		/\s+/g,
		' '
	);
}

/** Drizzle wraps driver errors ("Failed query: ..."); the driver's own error says what went wrong. */
function rootCause(error: unknown): unknown {
	let current = error;
	for (let depth = 0; depth < 5 && current instanceof Error && current.cause; depth++) {
		current = current.cause;
	}
	return current;
}

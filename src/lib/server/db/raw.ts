/**
 * Hand-written SQL for the few hot statements of a ballot (the group commit and the per-request
 * look-ups), on either driver. Why not Drizzle there: Drizzle sends every statement unnamed, and
 * postgres.js then asks the server to describe it before it can bind it — two round trips, two
 * socket writes — and builds a multi-row INSERT value by value (a parameter each). On a loaded
 * machine those writes and that building were most of a ballot's server time (docs/PERFORMANCE.md).
 * Here each statement has a fixed text and takes its rows as ONE jsonb (or array) parameter, so
 * postgres.js prepares it once per connection and then sends bind-and-execute in one write, and
 * the text never depends on how many rows a batch holds.
 *
 * Rows come back as the server names the columns (snake_case); keep the selected types simple
 * (int4, text, bool, json) so both drivers give the same JavaScript values. Timestamps differ:
 * Drizzle sets postgres.js to hand them over as text (it parses them itself), PGlite gives Dates —
 * read them with `asDate`, and send them as ISO text.
 */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './connect';

export type Row = Record<string, unknown>;

export interface RawExecutor {
	query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

interface PostgresJsLike {
	unsafe(text: string, params?: unknown[], options?: { prepare?: boolean }): Promise<unknown[]>;
	begin<T>(fn: (sql: PostgresJsLike) => Promise<T>): Promise<T>;
}

interface PgliteLike {
	query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
	transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T>;
}

function clientOf(db: Database): PostgresJsLike | PgliteLike {
	// Both drizzle drivers expose the client they were made with.
	return (db as unknown as { $client: PostgresJsLike | PgliteLike }).$client;
}

function isPostgresJs(client: PostgresJsLike | PgliteLike): client is PostgresJsLike {
	return typeof (client as PostgresJsLike).unsafe === 'function';
}

function postgresJsExecutor(sql: PostgresJsLike): RawExecutor {
	return {
		query: async <T extends Row>(text: string, params: unknown[] = []) =>
			(await sql.unsafe(text, params, { prepare: true })) as T[]
	};
}

function pgliteExecutor(client: PgliteLike): RawExecutor {
	return {
		query: async <T extends Row>(text: string, params: unknown[] = []) =>
			(await client.query<T>(text, params)).rows
	};
}

/** One statement outside a transaction (its own commit). */
export function rawExecutor(db: Database): RawExecutor {
	const client = clientOf(db);
	return isPostgresJs(client) ? postgresJsExecutor(client) : pgliteExecutor(client);
}

/** `fn`'s statements in one transaction: committed when it resolves, rolled back when it throws. */
export function rawTransaction<T>(db: Database, fn: (tx: RawExecutor) => Promise<T>): Promise<T> {
	const client = clientOf(db);
	return isPostgresJs(client)
		? client.begin((sql) => fn(postgresJsExecutor(sql)))
		: client.transaction((tx) => fn(pgliteExecutor(tx)));
}

const dialect = new PgDialect();

/**
 * A statement composed with Drizzle's `sql` template, run on a raw executor. Its text depends only
 * on how it was composed, never on the values (pass lists with `sql.param`, rows as `jsonParam`),
 * so the driver still prepares it once per connection.
 */
export function queryBuilt<T extends Row = Row>(tx: RawExecutor, query: SQL): Promise<T[]> {
	const { sql: text, params } = dialect.sqlToQuery(query);
	return tx.query<T>(text, params);
}

/**
 * Rows as one parameter, read with `jsonb_to_recordset($1::text::jsonb)`. Sent as text and cast:
 * a parameter typed jsonb would be JSON-encoded once more by postgres.js. (Plain lists of ints or
 * text go as arrays, `= any($1::int[])`, which both drivers serialize.)
 */
export function jsonParam(value: unknown): string {
	return JSON.stringify(value);
}

/** A timestamptz as either driver returns it (Date from PGlite, text from postgres.js). */
export function asDate(value: unknown): Date {
	return value instanceof Date ? value : new Date(value as string);
}

export function asDateOrNull(value: unknown): Date | null {
	return value === null || value === undefined ? null : asDate(value);
}

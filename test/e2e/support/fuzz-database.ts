import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from '../../../src/lib/server/db/schema';

/**
 * Tables a rejected request may still change, and why:
 * - audit_event: a failed sign-in is itself an event of the full-process record (auth audit);
 * - session: signing the fuzzer in creates one, and every signed-in request slides its expiry.
 * Rate-limit counters live in memory (src/lib/server/rate-limit.ts), not in a table.
 */
export const exemptTables = ['audit_event', 'session'];

export const tableNames = (): string[] =>
	Object.values(schema as Record<string, unknown>)
		.filter((value): value is PgTable => value instanceof PgTable)
		.map((table) => getTableConfig(table).name)
		.sort();

/** Row count and content hash of every table that must not change, keyed by table name. */
export async function tableFingerprints(databaseUrl: string): Promise<Record<string, string>> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const fingerprints: Record<string, string> = {};
		for (const name of tableNames().filter((name) => !exemptTables.includes(name))) {
			const [row] = await sql.unsafe(
				`select count(*)::text as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from "${name}" t`
			);
			fingerprints[name] = `${row.rows} rows, ${row.hash}`;
		}
		return fingerprints;
	} finally {
		await sql.end();
	}
}

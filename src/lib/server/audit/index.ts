import { asc, desc, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import {
	findChainBreak,
	GENESIS_HASH,
	hashEvent,
	type ChainBreak,
	type ChainedFields
} from './chain';

/** Anything that can run queries: the database or an open transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'execute'>;

export interface AuditInput {
	actor?: { id: number; label: string } | null;
	action: string;
	subjectType?: string;
	subjectId?: string | number;
	details?: Record<string, unknown>;
}

// Any constant works; it only has to be the same for every writer of the chain.
const CHAIN_LOCK = 7_146_001;

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change it records,
 * so the change and its record commit together or not at all. The advisory lock makes concurrent
 * writers take turns, which keeps the chain a line rather than a tree.
 */
export async function recordAuditEvent(tx: Executor, input: AuditInput): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
	const [last] = await tx
		.select({ seq: table.auditEvent.seq, hash: table.auditEvent.hash })
		.from(table.auditEvent)
		.orderBy(desc(table.auditEvent.seq))
		.limit(1);
	const fields: ChainedFields = {
		seq: (last?.seq ?? 0) + 1,
		occurredAt: new Date().toISOString(),
		actorUserId: input.actor?.id ?? null,
		actorLabel: input.actor?.label ?? null,
		action: input.action,
		subjectType: input.subjectType ?? null,
		subjectId: input.subjectId === undefined ? null : String(input.subjectId),
		details: input.details ?? {},
		prevHash: last?.hash ?? GENESIS_HASH
	};
	await tx.insert(table.auditEvent).values({
		...fields,
		occurredAt: new Date(fields.occurredAt),
		hash: hashEvent(fields)
	});
}

/** Re-hashes the whole chain; null when every event is intact. */
export async function verifyAuditChain(db: Executor): Promise<ChainBreak | null> {
	const rows = await db.select().from(table.auditEvent).orderBy(asc(table.auditEvent.seq));
	return findChainBreak(rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })));
}

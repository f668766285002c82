/**
 * Every change of a juror's status takes one advisory lock first, so two appointments cannot both
 * pass the composition check on the same counts, and the expiry sweep cannot race them.
 */
import { eq, sql } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import type { JurorStatus } from '$lib/server/db/schema';
import { JuryError, type Actor, type Executor } from './types';

export const ROSTER_LOCK = 7_146_004;

export async function lockRoster(tx: Executor): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK})`);
}

/** Locks the roster and reads the juror's current status, roster and category. */
export async function lockJuror(tx: Executor, jurorId: number) {
	await lockRoster(tx);
	const [row] = await tx
		.select({
			status: table.juror.status,
			roster: table.juror.roster,
			category: table.juror.category
		})
		.from(table.juror)
		.where(eq(table.juror.id, jurorId));
	if (!row) throw new JuryError('not_found');
	return row;
}

export async function logChange(
	tx: Executor,
	jurorId: number,
	from: JurorStatus | null,
	to: JurorStatus,
	reason: string,
	actor: Actor
): Promise<void> {
	await tx
		.update(table.juror)
		.set({ status: to, updatedAt: new Date() })
		.where(eq(table.juror.id, jurorId));
	await tx.insert(table.jurorStatusChange).values({
		jurorId,
		fromStatus: from,
		toStatus: to,
		reason,
		actorUserId: actor?.id ?? null,
		actorLabel: actor?.label ?? null
	});
}

/** Leaving the roster: withdrawal and dismissal by staff, and expiry when a term runs out. */
import { and, eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { JurorStatus } from '$lib/server/db/schema';
import { lockJuror, lockRoster, logChange } from './roster-lock';
import { JuryError, type Actor } from './types';
import { statusReason } from './status-reason';

const leavable: readonly JurorStatus[] = ['applied', 'approved', 'active', 'expired'];

/** A juror withdraws or is dismissed; the reason is kept with the change. */
export async function endMembership(
	db: Database,
	jurorId: number,
	to: 'withdrawn' | 'dismissed',
	reason: string,
	actor: Actor
): Promise<void> {
	await db.transaction(async (tx) => {
		const juror = await lockJuror(tx, jurorId);
		if (!leavable.includes(juror.status))
			throw new JuryError('wrong_status', { status: juror.status });
		await logChange(tx, jurorId, juror.status, to, reason, actor);
		await recordAuditEvent(tx, {
			actor,
			action: `jury.${to}`,
			subjectType: 'juror',
			subjectId: jurorId,
			details: { reason }
		});
	});
}

/**
 * Marks active jurors whose latest term ended before `today` as expired. Called at the start of
 * every roster read and draw rather than on a timer: the app has no scheduler, a read-time sweep
 * makes every page and draw see the truth for its own date, and the update is one indexed query
 * that does nothing when nothing is due. Returns the ids it expired.
 */
export async function expireDueTerms(db: Database, today: string): Promise<number[]> {
	return db.transaction(async (tx) => {
		await lockRoster(tx);
		const due = await tx
			.select({ id: table.juror.id })
			.from(table.juror)
			.where(
				and(
					eq(table.juror.status, 'active'),
					sql`not exists (select 1 from ${table.jurorTerm} t where t.juror_id = ${table.juror.id} and t.ends_on >= ${today})`
				)
			);
		if (due.length === 0) return [];
		const ids = due.map((row) => row.id);
		for (const id of ids)
			await logChange(tx, id, 'active', 'expired', statusReason('term_ended'), null);
		await recordAuditEvent(tx, {
			action: 'jury.terms_expire',
			subjectType: 'juror',
			details: { jurorIds: ids, today }
		});
		return ids;
	});
}

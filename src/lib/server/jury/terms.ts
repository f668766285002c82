/**
 * Appointment, terms and status changes. Every write runs in a transaction that takes the roster
 * lock first, so two appointments cannot both pass the composition check on the same counts.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { checkAppointment } from '$lib/domain/jury-composition';
import { isDueForRenewal, renewalTerm, termEnd } from '$lib/domain/jury-terms';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { JurorStatus, JurorTerm, RosterKind } from '$lib/server/db/schema';
import { countComposition } from './queries';
import { getJurySettings } from './settings';
import { JuryError, type Actor, type Executor } from './types';

const ROSTER_LOCK = 7_146_004;

async function lockJuror(tx: Executor, jurorId: number) {
	await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK})`);
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

async function logChange(
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

/** The jury roster only: supervisors are chosen from delegates, so the 80% rule does not apply. */
async function assertComposition(tx: Executor, roster: RosterKind, category: table.JurorCategory) {
	if (roster !== 'jury') return;
	const { rule } = await getJurySettings(tx);
	const check = checkAppointment(rule, await countComposition(tx, rule), category);
	if (!check.ok) {
		throw new JuryError('composition_rule', {
			beforeCounted: check.before.counted,
			beforeTotal: check.before.total,
			afterCounted: check.after.counted,
			afterTotal: check.after.total,
			num: check.minShare.num,
			den: check.minShare.den
		});
	}
}

/** approved → active, with a first term starting `startsOn`. */
export async function appointJuror(
	db: Database,
	jurorId: number,
	startsOn: string,
	actor: Actor
): Promise<JurorTerm> {
	return db.transaction(async (tx) => {
		const juror = await lockJuror(tx, jurorId);
		if (juror.status !== 'approved') throw new JuryError('wrong_status', { status: juror.status });
		await assertComposition(tx, juror.roster, juror.category);
		const { terms } = await getJurySettings(tx);
		const [term] = await tx
			.insert(table.jurorTerm)
			.values({
				jurorId,
				startsOn,
				endsOn: termEnd(startsOn, terms.termMonths),
				createdBy: actor?.id ?? null
			})
			.returning();
		await logChange(tx, jurorId, 'approved', 'active', 'appointed', actor);
		await recordAuditEvent(tx, {
			actor,
			action: 'jury.appoint',
			subjectType: 'juror',
			subjectId: jurorId,
			details: { termId: term.id, startsOn: term.startsOn, endsOn: term.endsOn }
		});
		return term;
	});
}

export async function getLatestTerm(db: Executor, jurorId: number): Promise<JurorTerm | null> {
	const [term] = await db
		.select()
		.from(table.jurorTerm)
		.where(eq(table.jurorTerm.jurorId, jurorId))
		.orderBy(desc(table.jurorTerm.endsOn), desc(table.jurorTerm.id))
		.limit(1);
	return term ?? null;
}

/**
 * A new term record after the latest one (history is kept). An expired juror becomes active again,
 * which is an appointment and so passes the composition check.
 */
export async function renewTerm(
	db: Database,
	jurorId: number,
	today: string,
	actor: Actor
): Promise<JurorTerm> {
	return db.transaction(async (tx) => {
		const juror = await lockJuror(tx, jurorId);
		if (juror.status !== 'active' && juror.status !== 'expired') {
			throw new JuryError('wrong_status', { status: juror.status });
		}
		const previous = await getLatestTerm(tx, jurorId);
		if (!previous) throw new JuryError('no_current_term');
		const { terms } = await getJurySettings(tx);
		// Renewing long before the end would stack future terms; the notice window is when it is due.
		if (
			juror.status === 'active' &&
			!isDueForRenewal(previous.endsOn, today, terms.renewalNoticeDays)
		) {
			throw new JuryError('not_due_for_renewal', { endsOn: previous.endsOn });
		}
		if (juror.status === 'expired') await assertComposition(tx, juror.roster, juror.category);
		const next = renewalTerm(previous.endsOn, today, terms.termMonths);
		const [term] = await tx
			.insert(table.jurorTerm)
			.values({
				jurorId,
				...{ startsOn: next.start, endsOn: next.end },
				renewedFromTermId: previous.id,
				createdBy: actor?.id ?? null
			})
			.returning();
		if (juror.status === 'expired')
			await logChange(tx, jurorId, 'expired', 'active', 'term renewed', actor);
		await recordAuditEvent(tx, {
			actor,
			action: 'jury.renew',
			subjectType: 'juror',
			subjectId: jurorId,
			details: {
				termId: term.id,
				renewedFromTermId: previous.id,
				startsOn: term.startsOn,
				endsOn: term.endsOn
			}
		});
		return term;
	});
}

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
		await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK})`);
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
		for (const id of ids) await logChange(tx, id, 'active', 'expired', 'term ended', null);
		await recordAuditEvent(tx, {
			action: 'jury.terms_expire',
			subjectType: 'juror',
			details: { jurorIds: ids, today }
		});
		return ids;
	});
}

/** Appoints approved jurors in bulk, counted categories first; refusals are reported, not fatal. */
export async function appointApproved(
	db: Database,
	jurorIds: number[],
	startsOn: string,
	actor: Actor
): Promise<{ appointed: number[]; refused: number[] }> {
	const { rule } = await getJurySettings(db);
	const rows = jurorIds.length
		? await db
				.select({ id: table.juror.id, category: table.juror.category })
				.from(table.juror)
				.where(and(inArray(table.juror.id, jurorIds), eq(table.juror.status, 'approved')))
		: [];
	const counted = (category: table.JurorCategory) => rule.countedCategories.includes(category);
	rows.sort((a, b) => Number(counted(b.category)) - Number(counted(a.category)) || a.id - b.id);
	const appointed: number[] = [];
	const refused: number[] = [];
	for (const row of rows) {
		try {
			await appointJuror(db, row.id, startsOn, actor);
			appointed.push(row.id);
		} catch (error) {
			if (!(error instanceof JuryError) || error.code !== 'composition_rule') throw error;
			refused.push(row.id);
		}
	}
	return { appointed, refused };
}

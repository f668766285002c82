/**
 * Appointment, terms and status changes. Every write runs in a transaction that takes the roster
 * lock first, so two appointments cannot both pass the composition check on the same counts.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { checkAppointment } from '$lib/domain/jury-composition';
import { isDueForRenewal, renewalTerm, termEnd } from '$lib/domain/jury-terms';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { JurorTerm, RosterKind } from '$lib/server/db/schema';
import { countComposition } from './queries';
import { lockJuror, logChange } from './roster-lock';
import { getJurySettings } from './settings';
import { JuryError, type Actor, type Executor } from './types';
import { statusReason } from './status-reason';

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
		await logChange(tx, jurorId, 'approved', 'active', statusReason('appointed'), actor);
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
			await logChange(tx, jurorId, 'expired', 'active', statusReason('term_renewed'), actor);
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

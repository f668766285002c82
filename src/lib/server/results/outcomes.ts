/**
 * Staff review of proposed outcomes: confirm, overturn (with a reason) or annotate. The numbers a
 * rule produced are never written here. Confirming an outcome that calls for rectification opens
 * its rectification item. Every change is audited in the same transaction.
 */
import { asc, eq } from 'drizzle-orm';
import { defaultRectificationDays } from '$lib/domain/scoring';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { addDays, todayInChina } from './dates';

export type OutcomeRefusal = 'not_found' | 'already_decided' | 'reason_required' | 'text_required';

export class OutcomeError extends Error {
	constructor(readonly refusal: OutcomeRefusal) {
		super(refusal);
		this.name = 'OutcomeError';
	}
}

/** Consequences that oblige the subject's unit to fix something by a deadline. */
const rectifying = new Set(['rectification', 'key_supervision']);

export interface OutcomeRow extends table.Outcome {
	subjectLabel: string;
	rectificationId: number | null;
}

export async function listOutcomes(db: Executor, campaignId: number): Promise<OutcomeRow[]> {
	const rows = await db
		.select({
			outcome: table.outcome,
			subjectLabel: table.campaignSubject.label,
			rectificationId: table.rectification.id
		})
		.from(table.outcome)
		.innerJoin(table.campaignSubject, eq(table.outcome.subjectId, table.campaignSubject.id))
		.leftJoin(table.rectification, eq(table.rectification.outcomeId, table.outcome.id))
		.where(eq(table.outcome.campaignId, campaignId))
		.orderBy(asc(table.outcome.ruleId), asc(table.campaignSubject.position));
	return rows.map((r) => ({
		...r.outcome,
		subjectLabel: r.subjectLabel,
		rectificationId: r.rectificationId
	}));
}

/** The outcome, locked; `campaignId` (from the page's URL) must match when given. */
async function lockOutcome(tx: Executor, id: number, campaignId?: number): Promise<table.Outcome> {
	const [row] = await tx.select().from(table.outcome).where(eq(table.outcome.id, id)).for('update');
	if (!row || (campaignId !== undefined && row.campaignId !== campaignId))
		throw new OutcomeError('not_found');
	return row;
}

export async function decideOutcome(
	db: Database,
	id: number,
	decision: { status: 'confirmed' | 'overturned'; reason: string },
	actor: Actor | null,
	campaignId?: number
): Promise<void> {
	const reason = decision.reason.trim();
	if (decision.status === 'overturned' && reason === '') throw new OutcomeError('reason_required');
	await db.transaction(async (tx) => {
		const row = await lockOutcome(tx, id, campaignId);
		if (row.status !== 'proposed') throw new OutcomeError('already_decided');
		await tx
			.update(table.outcome)
			.set({
				status: decision.status,
				reason: reason === '' ? null : reason,
				decidedBy: actor?.id ?? null,
				decidedAt: new Date()
			})
			.where(eq(table.outcome.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: `outcome.${decision.status === 'confirmed' ? 'confirm' : 'overturn'}`,
			subjectType: 'outcome',
			subjectId: id,
			details: { campaignId: row.campaignId, ruleId: row.ruleId, subjectId: row.subjectId, reason }
		});
		if (decision.status === 'confirmed' && row.consequences.some((c) => rectifying.has(c)))
			await openRectification(tx, row, actor);
	});
}

async function openRectification(tx: Executor, row: table.Outcome, actor: Actor | null) {
	const [subject] = await tx
		.select({
			label: table.campaignSubject.label,
			unitId: table.campaignSubject.unitId,
			cadreUnitId: table.cadre.unitId,
			unitName: table.unit.name
		})
		.from(table.campaignSubject)
		.leftJoin(table.cadre, eq(table.campaignSubject.cadreId, table.cadre.id))
		.leftJoin(table.unit, eq(table.unit.id, table.campaignSubject.unitId))
		.where(eq(table.campaignSubject.id, row.subjectId));
	const deadline = addDays(todayInChina(), row.rectificationDays ?? defaultRectificationDays);
	const [item] = await tx
		.insert(table.rectification)
		.values({
			outcomeId: row.id,
			ownerUnitId: subject?.unitId ?? subject?.cadreUnitId ?? null,
			ownerLabel: subject?.unitName ?? subject?.label ?? String(row.subjectId),
			deadline
		})
		.returning({ id: table.rectification.id });
	await recordAuditEvent(tx, {
		actor,
		action: 'rectification.open',
		subjectType: 'rectification',
		subjectId: item.id,
		details: { outcomeId: row.id, deadline }
	});
}

export async function annotateOutcome(
	db: Database,
	id: number,
	text: string,
	actor: Actor | null,
	campaignId?: number
): Promise<void> {
	const note = text.trim();
	if (note === '') throw new OutcomeError('text_required');
	await db.transaction(async (tx) => {
		const row = await lockOutcome(tx, id, campaignId);
		const annotation = { text: note, by: actor?.label ?? null, at: new Date().toISOString() };
		await tx
			.update(table.outcome)
			.set({ annotations: [...row.annotations, annotation] })
			.where(eq(table.outcome.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: 'outcome.annotate',
			subjectType: 'outcome',
			subjectId: id,
			details: { campaignId: row.campaignId, text: note }
		});
	});
}

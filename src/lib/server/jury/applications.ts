/** Getting onto the roster: self-nomination, staff recommendation, and the review of applications. */
import { and, eq, inArray } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { JurorCategory, RosterKind } from '$lib/server/db/schema';
import { inJuryScope, type JuryScope } from './scope';
import { JuryError, type Actor, type Executor } from './types';
import type { ApplicationInput, RecommendationInput } from './validate';
import { statusReason } from './status-reason';

/** Supervisors are chosen from party congress delegates, NPC deputies and CPPCC members. */
export const supervisorCategories: readonly JurorCategory[] = [
	'party_congress_delegate',
	'npc_deputy',
	'cppcc_member'
];
// No 0/O/1/I/L: the number is read out over the phone.
const confirmationAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "JN-XXXX-XXXX": 8 symbols from 31, about 2^40 — not guessable by trying. */
export function generateConfirmationNumber(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	// 248 = 8 × 31: bytes at or above it are rare and only slightly skew; redraw to be exact.
	const symbols = Array.from(bytes, (byte) => {
		while (byte >= 248) byte = crypto.getRandomValues(new Uint8Array(1))[0];
		return confirmationAlphabet[byte % 31];
	});
	return `JN-${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`;
}

const liveStatuses = ['applied', 'approved', 'active', 'expired'] as const;

async function assertPhoneFree(db: Executor, roster: RosterKind, phone: string): Promise<void> {
	const [existing] = await db
		.select({ id: table.juror.id })
		.from(table.juror)
		.where(
			and(
				eq(table.juror.roster, roster),
				eq(table.juror.phone, phone),
				inArray(table.juror.status, [...liveStatuses])
			)
		)
		.limit(1);
	if (existing) throw new JuryError('duplicate_phone');
}

async function assertRegion(db: Executor, regionId: number): Promise<void> {
	const [row] = await db
		.select({ id: table.region.id })
		.from(table.region)
		.where(and(eq(table.region.id, regionId), eq(table.region.level, 'district')));
	if (!row) throw new JuryError('unknown_region');
}

async function assertUnit(db: Executor, unitId: number | null): Promise<void> {
	if (unitId === null) return;
	const [row] = await db
		.select({ id: table.unit.id })
		.from(table.unit)
		.where(eq(table.unit.id, unitId));
	if (!row) throw new JuryError('unknown_unit');
}

/** Postgres unique violation: two submissions with one phone raced past the check. */
export function isUniqueViolation(error: unknown): boolean {
	for (let current: unknown = error; current instanceof Error; current = current.cause) {
		if ((current as { code?: string }).code === '23505') return true;
	}
	return false;
}

export interface NewEntry {
	roster: RosterKind;
	input: ApplicationInput & { employerUnitId?: number | null; recommender?: string };
	status: 'applied' | 'approved';
	reason: string;
	actor: Actor;
}

/**
 * Writes one entry with its first status change, inside the caller's transaction. `audit: false`
 * is for imports, which record one event for the whole file instead of one per row.
 */
export async function insertEntryIn(
	tx: Executor,
	entry: NewEntry,
	options: { audit: boolean } = { audit: true }
): Promise<{ id: number; confirmationNumber: string }> {
	const { roster, input, status, actor } = entry;
	if (roster === 'supervisor' && !supervisorCategories.includes(input.category)) {
		throw new JuryError('supervisor_category');
	}
	await assertRegion(tx, input.regionId);
	await assertUnit(tx, input.employerUnitId ?? null);
	await assertPhoneFree(tx, roster, input.phone);
	const confirmationNumber = generateConfirmationNumber();
	const [row] = await tx
		.insert(table.juror)
		.values({
			roster,
			confirmationNumber,
			name: input.name,
			phone: input.phone,
			regionId: input.regionId,
			category: input.category,
			employerName: input.employerName,
			employerUnitId: input.employerUnitId ?? null,
			route: input.recommender ? 'recommended' : 'self_nominated',
			recommender: input.recommender ?? null,
			status
		})
		.returning({ id: table.juror.id });
	await tx.insert(table.jurorStatusChange).values({
		jurorId: row.id,
		fromStatus: null,
		toStatus: status,
		reason: entry.reason,
		actorUserId: actor?.id ?? null,
		actorLabel: actor?.label ?? null
	});
	if (options.audit) {
		await recordAuditEvent(tx, {
			actor,
			action: input.recommender ? 'jury.recommend' : 'jury.apply',
			subjectType: 'juror',
			subjectId: row.id,
			details: { roster, category: input.category, status }
		});
	}
	return { id: row.id, confirmationNumber };
}

async function insertEntry(
	db: Database,
	entry: NewEntry
): Promise<{ id: number; confirmationNumber: string }> {
	try {
		return await db.transaction((tx) => insertEntryIn(tx, entry));
	} catch (error) {
		if (isUniqueViolation(error)) throw new JuryError('duplicate_phone');
		throw error;
	}
}

/** The public form: an application waiting for review. */
export function submitApplication(
	db: Database,
	input: ApplicationInput
): Promise<{ id: number; confirmationNumber: string }> {
	return insertEntry(db, {
		roster: 'jury',
		input,
		status: 'applied',
		reason: statusReason('self_nominated'),
		actor: null
	});
}

/**
 * An organization's recommendation, entered by staff: approved at once (the organization vouches,
 * staff checked it while typing), still to be appointed under the composition rule. A regional
 * organizer may only enter people living in their regions.
 */
export async function recordRecommendation(
	db: Database,
	roster: RosterKind,
	input: RecommendationInput,
	actor: Actor,
	scope: JuryScope = null
): Promise<{ id: number; confirmationNumber: string }> {
	if (!inJuryScope(scope, input.regionId)) throw new JuryError('out_of_scope');
	return insertEntry(db, {
		roster,
		input,
		status: 'approved',
		reason: statusReason('recommended', input.recommender),
		actor
	});
}

export type ReviewDecision =
	| { kind: 'approve'; employerUnitId: number | null }
	| { kind: 'reject'; reason: string }
	| { kind: 'request_info'; reason: string };

/** Staff decide on an application; asking for more information keeps it in the queue. */
export async function reviewApplication(
	db: Database,
	jurorId: number,
	decision: ReviewDecision,
	actor: Actor
): Promise<void> {
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ status: table.juror.status })
			.from(table.juror)
			.where(eq(table.juror.id, jurorId))
			.for('update');
		if (!row) throw new JuryError('not_found');
		if (row.status !== 'applied') throw new JuryError('wrong_status', { status: row.status });
		if (decision.kind === 'request_info') {
			await tx
				.update(table.juror)
				.set({ infoRequest: decision.reason, updatedAt: new Date() })
				.where(eq(table.juror.id, jurorId));
		} else {
			const to = decision.kind === 'approve' ? 'approved' : 'rejected';
			if (decision.kind === 'approve') await assertUnit(tx, decision.employerUnitId);
			await tx
				.update(table.juror)
				.set({
					status: to,
					infoRequest: null,
					updatedAt: new Date(),
					...(decision.kind === 'approve' && decision.employerUnitId !== null
						? { employerUnitId: decision.employerUnitId }
						: {})
				})
				.where(eq(table.juror.id, jurorId));
			await tx.insert(table.jurorStatusChange).values({
				jurorId,
				fromStatus: 'applied',
				toStatus: to,
				reason: decision.kind === 'reject' ? decision.reason : statusReason('application_approved'),
				actorUserId: actor?.id ?? null,
				actorLabel: actor?.label ?? null
			});
		}
		await recordAuditEvent(tx, {
			actor,
			action: `jury.review_${decision.kind}`,
			subjectType: 'juror',
			subjectId: jurorId,
			details: decision.kind === 'approve' ? {} : { reason: decision.reason }
		});
	});
}

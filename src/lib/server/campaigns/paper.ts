import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { checkBallot } from '$lib/domain/campaign-ballot';
import { readBallotForm, type FormValues } from '$lib/domain/campaign-form';
import { canonicalEntry, entryDifferences } from '$lib/domain/campaign-paper';
import { recordAuditEvent } from '$lib/server/audit';
import { notifyCampaignChanged } from '$lib/server/live/changes';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Actor } from './create';
import { getBallotDefinition, type Executor } from './definition';
import { SubmitError } from './errors';
import { writeBallots } from './submit';

export type PaperOutcome = 'first_keyed' | 'accepted' | 'mismatch';

export type PaperRefusal =
	| 'same_person'
	| 'flagged'
	| 'already_counted'
	| 'tier_changed'
	| 'campaign_state'
	| 'not_voidable'
	| 'reason_required';

export class PaperError extends Error {
	constructor(readonly refusal: PaperRefusal) {
		super(refusal);
		this.name = 'PaperError';
	}
}

export interface PaperKeying {
	campaignId: number;
	serial: string;
	tierId: number | null;
	values: FormValues;
	actor: Actor;
}

/** Paper forms are keyed while the campaign runs or after it closed (the session's sheets). */
const keyable = new Set(['open', 'closed']);

/**
 * One keying of a paper ballot. The first keying is kept; the second, by someone else, either
 * matches (the ballots are written, marked paper) or flags the sheet. A refused ballot (off the
 * scale, missing answers) throws SubmitError before anything is written.
 */
export async function keyPaperBallot(db: Database, keying: PaperKeying): Promise<PaperOutcome> {
	const definition = await getBallotDefinition(db, keying.campaignId);
	if (!definition) throw new SubmitError('campaign_not_found');
	if (!keyable.has(definition.campaign.state)) throw new PaperError('campaign_state');
	const form = { getAll: (name: string) => keying.values[name] ?? [] };
	const { ballots, values } = readBallotForm(form, definition.subjects, definition.questions);
	const checked = checkBallot(ballots, definition.subjects, definition.questions);
	if (!checked.ok) throw new SubmitError('invalid_answers', checked.problems);
	const entry = canonicalEntry(values);

	const outcome = await db.transaction(async (tx): Promise<PaperOutcome> => {
		// Publication takes this row for update and refuses while a sheet is unresolved; holding it
		// in share mode here means no keying can slip in between that check and its commit.
		await lockKeyable(tx, keying.campaignId);
		const inserted = await tx
			.insert(table.paperEntry)
			.values({
				campaignId: keying.campaignId,
				serial: keying.serial,
				tierId: keying.tierId,
				firstAnswers: entry,
				firstBy: keying.actor.id
			})
			.onConflictDoNothing()
			.returning({ id: table.paperEntry.id });
		if (inserted.length > 0) {
			await audit(tx, keying, 'campaign.paper_first');
			return 'first_keyed';
		}
		const [existing] = await tx
			.select()
			.from(table.paperEntry)
			.where(
				and(
					eq(table.paperEntry.campaignId, keying.campaignId),
					eq(table.paperEntry.serial, keying.serial)
				)
			)
			.for('update');
		if (existing.status === 'accepted') throw new PaperError('already_counted');
		if (existing.status === 'mismatch') throw new PaperError('flagged');
		if (existing.firstBy === keying.actor.id) throw new PaperError('same_person');
		if (existing.tierId !== keying.tierId) throw new PaperError('tier_changed');
		const differences = entryDifferences(existing.firstAnswers as FormValues, entry);
		const status = differences.length === 0 ? 'accepted' : 'mismatch';
		await tx
			.update(table.paperEntry)
			.set({ secondAnswers: entry, secondBy: keying.actor.id, status, updatedAt: new Date() })
			.where(eq(table.paperEntry.id, existing.id));
		if (status === 'accepted')
			await writeBallots(
				tx,
				definition.campaign,
				{ userId: null, tierId: keying.tierId, channel: 'paper' },
				checked.ballots
			);
		await audit(tx, keying, `campaign.paper_${status}`, { differences });
		return status;
	});
	if (outcome === 'accepted') notifyCampaignChanged(keying.campaignId);
	return outcome;
}

/**
 * What a member of staff can void on a sheet that is not yet counted:
 * - `second`: the second keying of a flagged sheet; someone other than the first keyer keys it again;
 * - `first`: the first keying of a flagged sheet; the second keying becomes the first, and someone
 *   other than its keyer keys the sheet again (the first keying was the wrong one);
 * - `sheet`: every keying of a sheet awaiting its second keying or flagged; the serial is free and
 *   two people key the sheet afresh (a wrong first keying, a wrong tier).
 * A counted sheet is never voided: its ballots are in the results.
 */
export type VoidTarget = 'first' | 'second' | 'sheet';

export const voidTargets: readonly VoidTarget[] = ['first', 'second', 'sheet'];

export interface PaperVoid {
	campaignId: number;
	serial: string;
	target: VoidTarget;
	reason: string;
	actor: Actor;
}

/** The longest reason kept with a voided keying. */
export const voidReasonMax = 500;

/** Voids a keying or a whole sheet, with the reason in the audit chain. */
export async function voidPaperKeying(db: Database, request: PaperVoid): Promise<void> {
	const reason = request.reason.trim();
	if (reason.length === 0 || reason.length > voidReasonMax) throw new PaperError('reason_required');
	await db.transaction(async (tx) => {
		await lockKeyable(tx, request.campaignId);
		const where = and(
			eq(table.paperEntry.campaignId, request.campaignId),
			eq(table.paperEntry.serial, request.serial)
		);
		const [entry] = await tx.select().from(table.paperEntry).where(where).for('update');
		const allowed =
			request.target === 'sheet'
				? entry?.status === 'awaiting_second' || entry?.status === 'mismatch'
				: entry?.status === 'mismatch';
		if (!entry || !allowed) throw new PaperError('not_voidable');
		const now = new Date();
		if (request.target === 'sheet') await tx.delete(table.paperEntry).where(where);
		else
			await tx
				.update(table.paperEntry)
				.set({
					...(request.target === 'first'
						? { firstAnswers: entry.secondAnswers, firstBy: entry.secondBy as number }
						: {}),
					secondAnswers: null,
					secondBy: null,
					status: 'awaiting_second',
					updatedAt: now
				})
				.where(where);
		await recordAuditEvent(tx, {
			actor: request.actor,
			action: voidActions[request.target],
			subjectType: 'campaign',
			subjectId: request.campaignId,
			details: {
				serial: request.serial,
				reason,
				status: entry.status,
				firstBy: entry.firstBy,
				secondBy: entry.secondBy
			}
		});
	});
}

const voidActions: Record<VoidTarget, string> = {
	first: 'campaign.paper_discard_first',
	second: 'campaign.paper_discard_second',
	sheet: 'campaign.paper_void_sheet'
};

/** Share-locks the campaign and refuses unless its sheets may still be keyed or voided. */
async function lockKeyable(tx: Executor, campaignId: number): Promise<void> {
	const [row] = await tx
		.select({ state: table.campaign.state })
		.from(table.campaign)
		.where(eq(table.campaign.id, campaignId))
		.for('share');
	if (!row || !keyable.has(row.state)) throw new PaperError('campaign_state');
}

export interface UnresolvedSheets {
	awaiting: number;
	mismatch: number;
}

/** Sheets keyed once or flagged: not counted, and publication waits for them. */
export async function countUnresolvedSheets(
	db: Executor,
	campaignId: number
): Promise<UnresolvedSheets> {
	const rows = await db
		.select({ status: table.paperEntry.status, n: sql<number>`count(*)::int` })
		.from(table.paperEntry)
		.where(
			and(
				eq(table.paperEntry.campaignId, campaignId),
				inArray(table.paperEntry.status, ['awaiting_second', 'mismatch'])
			)
		)
		.groupBy(table.paperEntry.status);
	const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
	return { awaiting: count('awaiting_second'), mismatch: count('mismatch') };
}

export interface PaperEntryRow {
	serial: string;
	tierId: number | null;
	status: table.PaperEntry['status'];
	differences: string[];
}

export async function listPaperEntries(db: Database, campaignId: number): Promise<PaperEntryRow[]> {
	const rows = await db
		.select()
		.from(table.paperEntry)
		.where(eq(table.paperEntry.campaignId, campaignId))
		.orderBy(asc(table.paperEntry.serial));
	return rows.map((row) => ({
		serial: row.serial,
		tierId: row.tierId,
		status: row.status,
		differences:
			row.status === 'mismatch'
				? entryDifferences(row.firstAnswers as FormValues, (row.secondAnswers ?? {}) as FormValues)
				: []
	}));
}

function audit(
	tx: Parameters<typeof recordAuditEvent>[0],
	keying: PaperKeying,
	action: string,
	details: Record<string, unknown> = {}
) {
	return recordAuditEvent(tx, {
		actor: keying.actor,
		action,
		subjectType: 'campaign',
		subjectId: keying.campaignId,
		details: { serial: keying.serial, ...details }
	});
}

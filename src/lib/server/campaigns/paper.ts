import { and, asc, eq } from 'drizzle-orm';
import { checkBallot } from '$lib/domain/campaign-ballot';
import { readBallotForm, type FormValues } from '$lib/domain/campaign-form';
import { canonicalEntry, entryDifferences } from '$lib/domain/campaign-paper';
import { recordAuditEvent } from '$lib/server/audit';
import { notifyCampaignChanged } from '$lib/server/live/changes';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Actor } from './create';
import { getBallotDefinition } from './definition';
import { SubmitError } from './errors';
import { writeBallots } from './submit';

export type PaperOutcome = 'first_keyed' | 'accepted' | 'mismatch';

export type PaperRefusal =
	'same_person' | 'flagged' | 'already_counted' | 'tier_changed' | 'campaign_state';

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

/** Clears a flagged second keying so the sheet can be keyed again by a second person. */
export async function discardSecondKeying(
	db: Database,
	campaignId: number,
	serial: string,
	actor: Actor
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const cleared = await tx
			.update(table.paperEntry)
			.set({
				secondAnswers: null,
				secondBy: null,
				status: 'awaiting_second',
				updatedAt: new Date()
			})
			.where(
				and(
					eq(table.paperEntry.campaignId, campaignId),
					eq(table.paperEntry.serial, serial),
					eq(table.paperEntry.status, 'mismatch')
				)
			)
			.returning({ id: table.paperEntry.id });
		if (cleared.length === 0) return false;
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.paper_discard_second',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { serial }
		});
		return true;
	});
}

export interface PaperEntryRow {
	serial: string;
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

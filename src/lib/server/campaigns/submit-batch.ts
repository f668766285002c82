import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import { notifyCampaignChanged } from '$lib/server/live/changes';
import type { Database } from '$lib/server/db';
import { asDateOrNull, queryBuilt, rawTransaction, type RawExecutor } from '$lib/server/db/raw';
import type * as table from '$lib/server/db/schema';
import { sql } from 'drizzle-orm';
import { batchRows, claimKeys, recordParticipation, spendCodes } from './batch-statements';
import { isAcceptingBallots } from './definition';
import { SubmitError } from './errors';
import type { Receipt, ResolvedRater } from './submit';
import { commitInOneStatement } from './submit-one-statement';
import { ballotRows, insertBallotRowsRaw, today, type BallotRow } from './submit-rows';

/**
 * Group commit for ballot submissions (docs/CAMPAIGNS.md, "Submitting a ballot").
 *
 * Each request checks everything it can without writing (submit.ts) and hands over a prepared
 * submission. Submissions that arrive within `windowMs` of each other, or while the previous
 * batch is committing, are written together in ONE transaction. A batch is first tried as one
 * statement (submit-one-statement.ts), which stores it whole or, if any submission of it would be
 * refused, nothing; after a batch that held a refusal or a retry, the next skips that try until
 * one is stored clean. Then it is written step by step, its statements all sent in one round trip
 * (each of fixed text, its rows in one parameter, db/raw.ts):
 *
 * 1. share-lock the batch's campaigns and re-check each is accepting ballots;
 * 2. claim the idempotency keys (`insert … on conflict do nothing returning`): a key already
 *    stored is a retry and gets the stored receipt;
 * 3. spend the cards' codes (`update … where used_at is null returning`): a code spent meanwhile
 *    refuses its submission (410);
 * 4. record participation (`on conflict do nothing returning`): fewer rows than subjects means
 *    the rater had already voted (409);
 * 5. write the ballots and answers;
 * 6. judge each submission by the answers of 1–4, and take back, in the same transaction, every
 *    row written for one that is not stored (its claim, its code, its participation, its
 *    ballots). Nothing of it is ever visible to another transaction.
 *
 * Each caller's promise settles after the commit. A batch never writes two submissions with the
 * same key or the same rater. A later copy of a key rides along and gets the first one's receipt
 * once it is stored (or, if the first was refused, tries on its own next); a second submission
 * of a rater waits for the next batch, where it meets the first one's committed rows exactly as
 * it would have one at a time. If the batch transaction fails as
 * a whole (a database error), its submissions are retried one per transaction, so one poisoned
 * submission fails alone.
 */

/** A submission that passed every check that needs no write. */
export interface PreparedSubmission {
	campaign: table.Campaign;
	idempotencyKey: string;
	/** Fresh; used only if this submission is the one that stores the key. */
	receiptCode: string;
	rater: ResolvedRater;
	ballots: CheckedBallot[];
}

export interface BatchOptions {
	/** How long the first submission of an idle queue waits for company. */
	windowMs: number;
	/** Most submissions per transaction. */
	maxItems: number;
	/** Most answer rows per transaction (one submission always fits, however large). */
	maxRows: number;
	/** Batches committing at once (PostgreSQL pools several connections; PGlite has one). */
	maxInFlight: number;
	/**
	 * One campaign's submissions per batch (`BATCH_PER_CAMPAIGN`): on Citus, where ballot tables
	 * are distributed by campaign, a batch then stays on one shard group instead of becoming a
	 * multi-shard (two-phase) transaction (docs/SCALING.md). Off on one PostgreSQL, where mixed
	 * batches are simply larger.
	 */
	perCampaign: boolean;
}

export const defaultBatchOptions: BatchOptions = {
	windowMs: 2,
	maxItems: 256,
	maxRows: 20_000,
	maxInFlight: 2,
	perCampaign: false
};

interface Pending {
	item: PreparedSubmission;
	weight: number;
	resolve(receipt: Receipt): void;
	reject(error: unknown): void;
	/** Later copies of the same key (a retry storm): answered from this one's outcome. */
	followers?: Pending[];
}

type Outcome = { ok: true; receipt: Receipt } | { ok: false; error: unknown };

/** What a queue has done so far: transactions and the submissions they held. */
export interface BatchStats {
	batches: number;
	submissions: number;
	largest: number;
	/** Batches stored whole by the one-statement path. */
	inOneStatement: number;
	/** Batches written step by step (after a refused one-statement try, or without one). */
	stepByStep: number;
	/** One-statement tries the guard refused (a refusal or a retry in the batch): undone. */
	refusedInOneStatement: number;
}

/** A fresh count (a queue's start; tests that pass their own to commitBatch). */
export const noStats = (): BatchStats => ({
	batches: 0,
	submissions: 0,
	largest: 0,
	inOneStatement: 0,
	stepByStep: 0,
	refusedInOneStatement: 0
});

class BatchQueue {
	readonly stats: BatchStats = noStats();
	private waiting: Pending[] = [];
	private inFlight = 0;
	private timer: ReturnType<typeof setTimeout> | null = null;
	/**
	 * Whether the last batch was stored whole with no refusal and no retry. After one that was
	 * not, the next goes straight step by step: in a retry storm nearly every batch holds a
	 * retry, and trying each in one statement first would write and undo every batch once.
	 */
	private lastClean = true;

	constructor(
		private readonly db: Database,
		private readonly options: BatchOptions
	) {}

	add(item: PreparedSubmission): Promise<Receipt> {
		return new Promise<Receipt>((resolve, reject) => {
			const weight = item.ballots.reduce((n, b) => n + b.answers.length + 1, 0);
			this.waiting.push({ item, weight, resolve, reject });
			this.schedule();
		});
	}

	private schedule(): void {
		if (this.waiting.length === 0 || this.inFlight >= this.options.maxInFlight) return;
		if (this.waiting.length >= this.options.maxItems) {
			this.flush();
			return;
		}
		this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
	}

	private flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (this.waiting.length === 0 || this.inFlight >= this.options.maxInFlight) return;
		const batch = this.take();
		this.stats.batches++;
		this.stats.submissions += batch.length;
		this.stats.largest = Math.max(this.stats.largest, batch.length);
		this.inFlight++;
		void this.run(batch).finally(() => {
			this.inFlight--;
			// Whoever queued meanwhile has waited a whole commit already: no further window.
			if (this.waiting.length > 0) this.flush();
		});
	}

	/** The next batch: no key or rater twice (the later ones stay queued, in order). */
	private take(): Pending[] {
		const batch: Pending[] = [];
		const later: Pending[] = [];
		const keys = new Map<string, Pending>();
		const raters = new Set<string>();
		let rows = 0;
		for (const pending of this.waiting) {
			const { item } = pending;
			const leader = keys.get(item.idempotencyKey);
			if (leader) {
				// The same key again: it rides along and learns the first one's fate.
				(leader.followers ??= []).push(pending);
				continue;
			}
			const rater = raterKey(item.campaign.id, item.rater);
			const full =
				batch.length >= this.options.maxItems ||
				(batch.length > 0 && rows + pending.weight > this.options.maxRows);
			const otherCampaign =
				this.options.perCampaign &&
				batch.length > 0 &&
				batch[0].item.campaign.id !== item.campaign.id;
			if (full || otherCampaign || raters.has(rater)) {
				later.push(pending);
				continue;
			}
			keys.set(item.idempotencyKey, pending);
			raters.add(rater);
			rows += pending.weight;
			batch.push(pending);
		}
		this.waiting = later;
		return batch;
	}

	private async run(batch: Pending[]): Promise<void> {
		let outcomes: Outcome[];
		try {
			outcomes = await commitBatch(
				this.db,
				batch.map((p) => p.item),
				this.stats,
				{ oneStatementFirst: this.lastClean }
			);
			this.lastClean = outcomes.every((o) => o.ok && !o.receipt.repeated);
		} catch (error) {
			this.lastClean = false;
			if (batch.length === 1) outcomes = [{ ok: false, error }];
			else {
				// One bad submission must not fail the others: each gets a transaction of its own.
				outcomes = [];
				for (const pending of batch) {
					try {
						outcomes.push((await commitBatch(this.db, [pending.item], this.stats))[0]);
					} catch (single) {
						outcomes.push({ ok: false, error: single });
					}
				}
			}
		}
		const again: Pending[] = [];
		batch.forEach((pending, i) => {
			const outcome = outcomes[i];
			settle(pending, outcome);
			for (const follower of pending.followers ?? []) {
				if (!outcome.ok) again.push(follower);
				// Stored: a retry gets the same receipt, as it would after the commit — unless it
				// names another campaign (a forged or broken request, as in findReceipt).
				else if (follower.item.campaign.id !== pending.item.campaign.id)
					follower.reject(new SubmitError('malformed'));
				else follower.resolve({ receiptCode: outcome.receipt.receiptCode, repeated: true });
			}
		});
		// The first copy was refused or failed: the others try on their own, as they would have
		// had they arrived after it.
		if (again.length) this.waiting.unshift(...again);
	}
}

function settle(pending: Pending, outcome: Outcome): void {
	if (outcome.ok) pending.resolve(outcome.receipt);
	else pending.reject(outcome.error);
}

function raterKey(
	campaignId: number,
	rater: Pick<ResolvedRater, 'userId' | 'ballotCodeId'>
): string {
	return `${campaignId}:${rater.userId ?? ''}:${rater.ballotCodeId ?? ''}`;
}

const queues = new WeakMap<Database, BatchQueue>();

/** Adds a prepared submission to its database's group commit; settles after the commit. */
export function enqueueSubmission(db: Database, item: PreparedSubmission): Promise<Receipt> {
	let queue = queues.get(db);
	if (!queue) queues.set(db, (queue = new BatchQueue(db, defaultBatchOptions)));
	return queue.add(item);
}

/** Counts for tests and benchmarks (zero until the first submission). */
export function batchStats(db: Database): BatchStats {
	return { ...(queues.get(db)?.stats ?? noStats()) };
}

/** Replaces a database's queue settings (tests and benchmarks); pending work is unaffected. */
export function configureBatching(db: Database, options: Partial<BatchOptions>): void {
	queues.set(db, new BatchQueue(db, { ...defaultBatchOptions, ...options }));
}

interface Slot {
	item: PreparedSubmission;
	/** Set once the submission is refused or answered from an earlier receipt. */
	outcome: Outcome | null;
	claimed: boolean;
	spentCode: boolean;
	participationIds: number[];
}

/**
 * Writes a batch in one transaction and says, per submission, what happened: in one statement
 * when nothing of it is refused, else step by step (at once when `oneStatementFirst` is false).
 * Throws only when the transaction itself failed; then nothing of the batch is stored.
 */
export async function commitBatch(
	db: Database,
	items: PreparedSubmission[],
	stats: BatchStats = noStats(),
	{ oneStatementFirst = true }: { oneStatementFirst?: boolean } = {}
): Promise<Outcome[]> {
	if (oneStatementFirst) {
		const whole = await commitInOneStatement(db, items);
		if (whole) {
			stats.inOneStatement++;
			announceStored(items, whole.xid);
			return items.map((item) => ({
				ok: true,
				receipt: { receiptCode: item.receiptCode, repeated: false }
			}));
		}
		stats.refusedInOneStatement++;
	}
	stats.stepByStep++;
	return commitStepByStep(db, items);
}

/**
 * The batch in one transaction of several statements, judging each submission between them.
 * Every statement has a fixed text and takes the batch's rows as one parameter (db/raw.ts): the
 * driver prepares it once per connection, whatever the batch's size.
 */
async function commitStepByStep(db: Database, items: PreparedSubmission[]): Promise<Outcome[]> {
	const slots: Slot[] = items.map((item) => ({
		item,
		outcome: null,
		claimed: false,
		spentCode: false,
		participationIds: []
	}));
	const refuse = (slot: Slot, code: SubmitError['code']) => {
		slot.outcome = { ok: false, error: new SubmitError(code) };
	};
	const live = () => slots.filter((s) => s.outcome === null);
	const day = today();
	// The transaction's id, read with the participation rows: the live hub's running tally.
	let xid: string | null = null;

	await rawTransaction(db, async (tx) => {
		// Every row the batch would write, for every submission: its ballots get their random ids
		// now, so those of a submission refused below can be taken back.
		const written = slots.map((slot) =>
			ballotRows(slot.item.campaign, slot.item.rater, slot.item.ballots, day)
		);
		const rows = batchRows(items);
		const now = new Date();

		// One round trip: the statements are sent together (the driver pipelines them on the
		// transaction's connection) and run in this order. Most batches are refused nothing, and
		// then this is all they write; what a refused submission wrote is taken back below, in the
		// same transaction, so no other transaction ever sees it.
		const [locked, claimedRows, spentRows, participationRows] = await Promise.all([
			// 1. The campaigns, share-locked: a close waits for this batch, and nothing is
			//    acknowledged after it. Fresh state and window, whatever the cached definition says.
			tx.query<LockedCampaign>(lockCampaigns, [rows.campaignIds]),
			// 2. Idempotency keys: a key stored before is a retry (or a forgery).
			queryBuilt<{ key: string }>(
				tx,
				sql`${claimKeys(rows.claims, day)} returning idempotency_key as key`
			),
			// 3. Codes: spent here, so a concurrent use of the same card finds it spent.
			rows.codeIds.length > 0
				? queryBuilt<{ id: number }>(tx, sql`${spendCodes(rows.codeIds, now)} returning id`)
				: Promise.resolve([]),
			// 4. Participation, one row per subject: the unique key refuses a second vote.
			queryBuilt<ParticipationRow>(
				tx,
				sql`${recordParticipation(rows.participation)} returning ${participationReturned}`
			),
			// 5. The ballots and their answers, with no link to the rater.
			insertBallotRowsRaw(
				tx,
				written.flatMap((w) => w.ballots),
				written.flatMap((w) => w.answers)
			)
		]);

		// Judged in the order of the steps: the first reason found is the answer.
		const accepting = new Set(
			locked.filter((c) => isAcceptingBallots(windowOf(c), now)).map((c) => c.id)
		);
		for (const slot of slots)
			if (!accepting.has(slot.item.campaign.id)) refuse(slot, 'campaign_closed');

		const claimed = new Set(claimedRows.map((row) => row.key));
		for (const slot of slots) slot.claimed = claimed.has(slot.item.idempotencyKey);
		const taken = live().filter((s) => !s.claimed);
		if (taken.length > 0) await answerRetries(tx, taken);

		const spent = new Set(spentRows.map((row) => row.id));
		for (const slot of slots) {
			const codeId = slot.item.rater.ballotCodeId;
			if (codeId === null || !spent.has(codeId)) continue;
			slot.spentCode = true;
		}
		for (const slot of live())
			if (slot.item.rater.ballotCodeId !== null && !slot.spentCode) refuse(slot, 'code_used');

		const byRater = new Map(slots.map((s) => [raterKey(s.item.campaign.id, s.item.rater), s]));
		for (const row of participationRows) {
			xid ??= row.xid;
			const key = raterKey(row.campaign_id, {
				userId: row.user_id,
				ballotCodeId: row.ballot_code_id
			});
			byRater.get(key)?.participationIds.push(row.id);
		}
		for (const slot of live())
			if (slot.participationIds.length !== slot.item.ballots.length) refuse(slot, 'already_voted');

		// 6. Take back what the refused ones wrote (a retry answered from its receipt included).
		await takeBack(
			tx,
			slots.flatMap((slot, i) => (slot.outcome === null ? [] : [{ slot, ballots: written[i] }]))
		);
		for (const slot of live())
			slot.outcome = { ok: true, receipt: { receiptCode: slot.item.receiptCode, repeated: false } };
	});

	announceStored(
		slots.filter((s) => s.outcome?.ok && !s.outcome.receipt.repeated).map((s) => s.item),
		xid
	);
	return slots.map((s) => s.outcome as Outcome);
}

/**
 * After the commit, never before: the live screens count only what is stored. With the ballots
 * and the transaction id the hub adds them in memory (docs/LIVE.md, "Transport").
 */
function announceStored(stored: PreparedSubmission[], xid: string | null): void {
	for (const campaignId of new Set(stored.map((s) => s.campaign.id))) {
		const submissions = stored
			.filter((s) => s.campaign.id === campaignId)
			.map((s) => ({ tierId: s.rater.tierId, channel: s.rater.channel, ballots: s.ballots }));
		notifyCampaignChanged(campaignId, xid === null ? undefined : { xid, submissions });
	}
}

function windowOf(c: LockedCampaign): Pick<table.Campaign, 'state' | 'opensAt' | 'closesAt'> {
	return { state: c.state, opensAt: asDateOrNull(c.opens_at), closesAt: asDateOrNull(c.closes_at) };
}

interface LockedCampaign {
	id: number;
	state: table.Campaign['state'];
	opens_at: unknown;
	closes_at: unknown;
	[column: string]: unknown;
}

interface ParticipationRow {
	id: number;
	campaign_id: number;
	user_id: number | null;
	ballot_code_id: number | null;
	xid: string;
	[column: string]: unknown;
}

const lockCampaigns = `
	select id, state, opens_at, closes_at
	from campaign where id = any($1::int[]) order by id for share`;

const findKeys = `
	select idempotency_key as key, campaign_id, receipt_code
	from submission where idempotency_key = any($1::text[])`;

const participationReturned = sql.raw(
	'id, campaign_id, user_id, ballot_code_id, pg_current_xact_id()::text as xid'
);

/** Keys stored before: the stored receipt (a retry), or a refusal if it belongs elsewhere. */
async function answerRetries(tx: RawExecutor, slots: Slot[]): Promise<void> {
	const rows = await tx.query<{ key: string; campaign_id: number; receipt_code: string }>(
		findKeys,
		[slots.map((s) => s.item.idempotencyKey)]
	);
	const byKey = new Map(rows.map((r) => [r.key, r]));
	for (const slot of slots) {
		const row = byKey.get(slot.item.idempotencyKey);
		// A key is random per form; the same key on another campaign is a forged or broken request.
		slot.outcome =
			row && row.campaign_id === slot.item.campaign.id
				? { ok: true, receipt: { receiptCode: row.receipt_code, repeated: true } }
				: { ok: false, error: new SubmitError('malformed') };
	}
}

/**
 * Removes, inside the batch's transaction, every row written for submissions it did not store:
 * refused ones and retries answered from an earlier receipt.
 */
async function takeBack(
	tx: RawExecutor,
	undone: { slot: Slot; ballots: { ballots: BallotRow[] } }[]
): Promise<void> {
	const keys = undone.filter((u) => u.slot.claimed).map((u) => u.slot.item.idempotencyKey);
	const codes = undone
		.filter((u) => u.slot.spentCode)
		.map((u) => u.slot.item.rater.ballotCodeId as number);
	const participation = undone.flatMap((u) => u.slot.participationIds);
	const ballots = undone.flatMap((u) => u.ballots.ballots.map((b) => b.id));
	const statements: Promise<unknown>[] = [];
	if (keys.length > 0)
		statements.push(
			tx.query('delete from submission where idempotency_key = any($1::text[])', [keys])
		);
	if (codes.length > 0)
		statements.push(
			tx.query('update ballot_code set used_at = null where id = any($1::int[])', [codes])
		);
	if (participation.length > 0)
		statements.push(
			tx.query('delete from participation where id = any($1::int[])', [participation])
		);
	// Their answers go with them (on delete cascade).
	if (ballots.length > 0)
		statements.push(tx.query('delete from ballot where id = any($1::uuid[])', [ballots]));
	await Promise.all(statements);
}

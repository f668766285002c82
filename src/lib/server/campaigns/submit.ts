import { eq, sql } from 'drizzle-orm';
import { checkBallot, type BallotInput, type CheckedBallot } from '$lib/domain/campaign-ballot';
import { generateReceiptCode, normalizeBallotCode } from '$lib/domain/campaign-code';
import type { ListEntry } from '$lib/server/auth/session';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { getOpenBallotDefinition, isAcceptingBallots, type Executor } from './definition';
import { SubmitError } from './errors';
import { enqueueSubmission, type PreparedSubmission } from './submit-batch';
import { lookUpCode, lookUpMember, lookUpSubmission } from './submit-lookups';
import { ballotRows, insertBallotRows } from './submit-rows';

export { ballotRows, today } from './submit-rows';

export type Rater =
	/** `listEntry`: the user's entry on the campaign's list, as the caller already read it. */
	| { kind: 'user'; userId: number; listEntry?: ListEntry }
	/** `row`: the card's row as the caller already read it in this request (saves a look-up). */
	| { kind: 'code'; code: string; row?: table.BallotCode };

export interface SubmitRequest {
	campaignId: number;
	/** Generated with each rendering of the form; a retry sends the same one. */
	idempotencyKey: string;
	rater: Rater;
	ballots: BallotInput[];
}

export interface Receipt {
	receiptCode: string;
	/** True when this was a retry of a submission that had already been stored. */
	repeated: boolean;
}

/** Where a ballot came from, once the rater is known to be allowed to vote. */
export interface ResolvedRater {
	userId: number | null;
	ballotCodeId: number | null;
	tierId: number | null;
	channel: 'online' | 'qr' | 'audience';
}

export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{16,64}$/;
/** Far above any real ballot (a unit evaluation of 200 windows), far below a denial of service. */
export const maxSubjectsPerSubmission = 500;

/**
 * Stores one rater's ballots for a campaign, or refuses with a SubmitError and writes nothing.
 *
 * Everything that can be checked without writing is checked here, per request: the key's
 * shape, the campaign, the rater, every answer. A refused request that is a retry of a stored
 * submission gets the stored receipt instead.
 * The prepared submission then joins the group commit (submit-batch.ts): submissions arriving
 * within a few milliseconds share one transaction that claims their keys, spends their codes,
 * records participation (the unique key refuses a second vote) and writes their ballots with no
 * link back to the rater. The promise settles only after that transaction committed.
 */
export async function submitBallots(db: Database, request: SubmitRequest): Promise<Receipt> {
	if (!idempotencyKeyPattern.test(request.idempotencyKey)) throw new SubmitError('malformed');
	if (request.ballots.length > maxSubjectsPerSubmission) throw new SubmitError('too_large');
	if (!isCampaignId(request.campaignId)) throw new SubmitError('campaign_not_found');
	try {
		return await prepareAndEnqueue(db, request);
	} catch (error) {
		// Refused: unless this is a retry of a submission already stored, which gets its receipt
		// whatever else changed since (the campaign closed, the card is spent — by this very
		// submission). Looked up only now, after the refusal: a card seen spent was spent by a
		// commit that stored its key too, so a retry racing its own first send finds the key.
		// A new submission's key is claimed by the group commit, which answers retries itself.
		if (!(error instanceof SubmitError)) throw error;
		const stored = await findReceipt(db, request.campaignId, request.idempotencyKey);
		if (stored) return { receiptCode: stored, repeated: true };
		throw error;
	}
}

async function prepareAndEnqueue(db: Database, request: SubmitRequest): Promise<Receipt> {
	// The two look-ups are independent; their answers are judged in this order all the same.
	const [definition, rater] = await Promise.allSettled([
		getOpenBallotDefinition(db, request.campaignId),
		resolveRater(db, request.campaignId, request.rater)
	]);
	const found = settled(definition);
	if (!found) throw new SubmitError('campaign_not_found');
	if (!isAcceptingBallots(found.campaign, new Date())) throw new SubmitError('campaign_closed');
	const { recused, ...resolved } = settled(rater);
	// A juror's recusals (回避) came with their list entry: no extra query on this path.
	const checked = checkBallot(request.ballots, found.subjects, found.questions, recused);
	if (!checked.ok) throw new SubmitError('invalid_answers', checked.problems);
	// PostgreSQL text cannot hold U+0000; refused here rather than failing the transaction.
	if (holdsNul(checked.ballots)) throw new SubmitError('malformed');

	const prepared: PreparedSubmission = {
		campaign: found.campaign,
		idempotencyKey: request.idempotencyKey,
		receiptCode: generateReceiptCode(),
		rater: resolved,
		ballots: checked.ballots
	};
	return enqueueSubmission(db, prepared);
}

function settled<T>(result: PromiseSettledResult<T>): T {
	if (result.status === 'rejected') throw result.reason;
	return result.value;
}

/** Ids are int4: anything else names no campaign (and would make PostgreSQL fail the query). */
function isCampaignId(id: number): boolean {
	return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;
}

function holdsNul(ballots: CheckedBallot[]): boolean {
	return ballots.some((b) =>
		b.answers.some((a) => a.text?.includes('\u0000') || a.reason?.includes('\u0000'))
	);
}

/** The receipt already stored for this key, if any (a retry); refuses a key of another campaign. */
export async function findReceipt(
	db: Database,
	campaignId: number,
	key: string
): Promise<string | null> {
	const row = await lookUpSubmission(db, key);
	if (!row) return null;
	// A key is random per form; the same key on another campaign is a forged or broken request.
	if (row.campaignId !== campaignId) throw new SubmitError('malformed');
	return row.receiptCode;
}

async function resolveRater(
	db: Database,
	campaignId: number,
	rater: Rater
): Promise<ResolvedRater & { recused: readonly number[] }> {
	if (rater.kind === 'user') {
		const member =
			rater.listEntry !== undefined
				? rater.listEntry
				: await lookUpMember(db, campaignId, rater.userId);
		if (!member) throw new SubmitError('not_in_electorate');
		return {
			userId: rater.userId,
			ballotCodeId: null,
			tierId: member.tierId,
			channel: 'online',
			recused: member.recused
		};
	}
	const code = normalizeBallotCode(rater.code);
	const row = rater.row ?? (code ? await lookUpCode(db, code) : undefined);
	if (!row || row.campaignId !== campaignId) throw new SubmitError('code_invalid');
	if (row.usedAt) throw new SubmitError('code_used');
	if (row.expiresAt && row.expiresAt <= new Date()) throw new SubmitError('code_expired');
	return {
		userId: null,
		ballotCodeId: row.id,
		tierId: row.tierId,
		channel: row.audience ? 'audience' : 'qr',
		// A card is nobody in particular: no recusal.
		recused: []
	};
}

/**
 * Ballot rows in random-id order, so their physical order says nothing about who came when.
 * For writers that own their transaction (paper entry, fixtures); online ballots go through the
 * group commit, which writes the same rows.
 */
export async function writeBallots(
	tx: Executor,
	campaign: table.Campaign,
	rater: { userId: number | null; tierId: number | null; channel: table.BallotChannel },
	ballots: CheckedBallot[]
): Promise<void> {
	const rows = ballotRows(campaign, rater, ballots);
	await insertBallotRows(tx, rows.ballots, rows.answers);
}

/** Used by tests and turnout: how many ballots a campaign holds. */
export async function countBallots(db: Executor, campaignId: number): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(table.ballot)
		.where(eq(table.ballot.campaignId, campaignId));
	return row?.n ?? 0;
}

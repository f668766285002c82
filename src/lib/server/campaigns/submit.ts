import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { checkBallot, type BallotInput, type CheckedBallot } from '$lib/domain/campaign-ballot';
import { generateReceiptCode, normalizeBallotCode } from '$lib/domain/campaign-code';
import { notifyCampaignChanged } from '$lib/server/live/changes';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { findBallotCode } from './codes';
import { getBallotDefinition, isAcceptingBallots, type Executor } from './definition';
import { SubmitError } from './errors';

export type Rater = { kind: 'user'; userId: number } | { kind: 'code'; code: string };

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
interface ResolvedRater {
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
 * Checks run first; then one transaction claims the idempotency key, records participation (the
 * unique key refuses a second vote) and writes the ballots with no link back to the rater.
 */
export async function submitBallots(db: Database, request: SubmitRequest): Promise<Receipt> {
	if (!idempotencyKeyPattern.test(request.idempotencyKey)) throw new SubmitError('malformed');
	if (request.ballots.length > maxSubjectsPerSubmission) throw new SubmitError('too_large');
	const earlier = await findReceipt(db, request.campaignId, request.idempotencyKey);
	if (earlier) return { receiptCode: earlier, repeated: true };

	const definition = await getBallotDefinition(db, request.campaignId);
	if (!definition) throw new SubmitError('campaign_not_found');
	if (!isAcceptingBallots(definition.campaign, new Date()))
		throw new SubmitError('campaign_closed');
	const rater = await resolveRater(db, request.campaignId, request.rater);
	const checked = checkBallot(request.ballots, definition.subjects, definition.questions);
	if (!checked.ok) throw new SubmitError('invalid_answers', checked.problems);

	const receipt = await db.transaction(async (tx): Promise<Receipt> => {
		const [locked] = await tx
			.select({ state: table.campaign.state })
			.from(table.campaign)
			.where(eq(table.campaign.id, request.campaignId))
			.for('share');
		if (locked?.state !== 'open') throw new SubmitError('campaign_closed');
		const receiptCode = generateReceiptCode();
		const claimed = await tx
			.insert(table.submission)
			.values({
				idempotencyKey: request.idempotencyKey,
				campaignId: request.campaignId,
				receiptCode,
				receivedOn: today()
			})
			.onConflictDoNothing()
			.returning({ receiptCode: table.submission.receiptCode });
		if (claimed.length === 0) {
			const stored = await findReceipt(tx, request.campaignId, request.idempotencyKey);
			if (!stored) throw new SubmitError('malformed');
			return { receiptCode: stored, repeated: true };
		}
		await spendCode(tx, rater);
		await recordParticipation(tx, request.campaignId, rater, checked.ballots);
		await writeBallots(tx, definition.campaign, rater, checked.ballots);
		return { receiptCode, repeated: false };
	});
	// After the commit, never before: the live screens count only what is stored.
	if (!receipt.repeated) notifyCampaignChanged(request.campaignId);
	return receipt;
}

async function findReceipt(db: Executor, campaignId: number, key: string): Promise<string | null> {
	const [row] = await db
		.select({ receiptCode: table.submission.receiptCode, campaignId: table.submission.campaignId })
		.from(table.submission)
		.where(eq(table.submission.idempotencyKey, key));
	if (!row) return null;
	// A key is random per form; the same key on another campaign is a forged or broken request.
	if (row.campaignId !== campaignId) throw new SubmitError('malformed');
	return row.receiptCode;
}

async function resolveRater(
	db: Executor,
	campaignId: number,
	rater: Rater
): Promise<ResolvedRater> {
	if (rater.kind === 'user') {
		const [member] = await db
			.select({ tierId: table.electorate.tierId })
			.from(table.electorate)
			.where(
				and(eq(table.electorate.campaignId, campaignId), eq(table.electorate.userId, rater.userId))
			);
		if (!member) throw new SubmitError('not_in_electorate');
		return { userId: rater.userId, ballotCodeId: null, tierId: member.tierId, channel: 'online' };
	}
	const code = normalizeBallotCode(rater.code);
	const row = code ? await findBallotCode(db, code) : null;
	if (!row || row.campaignId !== campaignId) throw new SubmitError('code_invalid');
	if (row.usedAt) throw new SubmitError('code_used');
	if (row.expiresAt && row.expiresAt <= new Date()) throw new SubmitError('code_expired');
	return {
		userId: null,
		ballotCodeId: row.id,
		tierId: row.tierId,
		channel: row.audience ? 'audience' : 'qr'
	};
}

/** Marks the card's code used inside the transaction; a concurrent use of it finds it spent. */
async function spendCode(tx: Executor, rater: ResolvedRater): Promise<void> {
	if (rater.ballotCodeId === null) return;
	const spent = await tx
		.update(table.ballotCode)
		.set({ usedAt: new Date() })
		.where(and(eq(table.ballotCode.id, rater.ballotCodeId), isNull(table.ballotCode.usedAt)))
		.returning({ id: table.ballotCode.id });
	if (spent.length === 0) throw new SubmitError('code_used');
}

async function recordParticipation(
	tx: Executor,
	campaignId: number,
	rater: ResolvedRater,
	ballots: CheckedBallot[]
): Promise<void> {
	const rows = ballots.map((b) => ({
		campaignId,
		userId: rater.userId,
		ballotCodeId: rater.ballotCodeId,
		subjectId: b.subjectId
	}));
	// DO NOTHING rather than catching the violation: the transaction stays usable on both drivers.
	const inserted = await tx
		.insert(table.participation)
		.values(rows)
		.onConflictDoNothing()
		.returning({ id: table.participation.id });
	if (inserted.length !== rows.length) throw new SubmitError('already_voted');
}

/** Ballot rows in random-id order, so their physical order says nothing about who came when. */
export async function writeBallots(
	tx: Executor,
	campaign: table.Campaign,
	rater: { userId: number | null; tierId: number | null; channel: table.BallotChannel },
	ballots: CheckedBallot[]
): Promise<void> {
	const castOn = today();
	const rows = ballots.map((b) => ({
		ballot: {
			id: randomUUID(),
			campaignId: campaign.id,
			subjectId: b.subjectId,
			tierId: rater.tierId,
			channel: rater.channel,
			castOn,
			raterId: campaign.secret ? null : rater.userId
		},
		answers: b.answers
	}));
	if (rows.length === 0) return;
	await tx.insert(table.ballot).values(rows.map((r) => r.ballot));
	const answers = rows.flatMap((r) => r.answers.map((a) => ({ ...a, ballotId: r.ballot.id })));
	if (answers.length > 0) await tx.insert(table.ballotAnswer).values(answers);
}

/** The day only (UTC+8, where the campaigns run): a secret ballot carries no exact time. */
function today(): string {
	return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Used by tests and turnout: how many ballots a campaign holds. */
export async function countBallots(db: Executor, campaignId: number): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(table.ballot)
		.where(eq(table.ballot.campaignId, campaignId));
	return row?.n ?? 0;
}

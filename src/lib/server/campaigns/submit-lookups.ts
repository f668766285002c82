import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { Gather, inParts } from '$lib/server/db/gather';
import * as table from '$lib/server/db/schema';
import { hashBallotCode } from './codes';

export interface StoredSubmission {
	campaignId: number;
	receiptCode: string;
}

interface Lookups {
	receipts: Gather<string, StoredSubmission>;
	members: Gather<string, { tierId: number | null }>;
	codes: Gather<string, table.BallotCode>;
}

/**
 * The per-request look-ups of a submission (an earlier receipt for its key, the rater on the
 * list, the card's code), gathered: the requests that arrive in one turn of the event loop share
 * one query per kind instead of one each (see Gather), which is where a ballot's time goes once
 * the writes are group-committed.
 */
const perDatabase = new WeakMap<Database, Lookups>();

function lookupsOf(db: Database): Lookups {
	let lookups = perDatabase.get(db);
	if (lookups) return lookups;
	lookups = {
		receipts: new Gather((keys) =>
			inParts(keys, async (part) =>
				(
					await db
						.select({
							key: table.submission.idempotencyKey,
							campaignId: table.submission.campaignId,
							receiptCode: table.submission.receiptCode
						})
						.from(table.submission)
						.where(inArray(table.submission.idempotencyKey, part))
				).map((r) => [r.key, { campaignId: r.campaignId, receiptCode: r.receiptCode }])
			)
		),
		// Keyed `campaignId:userId`; one query per campaign (there is nearly always one).
		members: new Gather(async (keys) => {
			const byCampaign = new Map<number, number[]>();
			for (const key of keys) {
				const [campaignId, userId] = key.split(':').map(Number);
				byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), userId]);
			}
			const found = new Map<string, { tierId: number | null }>();
			for (const [campaignId, userIds] of byCampaign) {
				const rows = await inParts(userIds, async (part) =>
					(
						await db
							.select({ userId: table.electorate.userId, tierId: table.electorate.tierId })
							.from(table.electorate)
							.where(
								and(
									eq(table.electorate.campaignId, campaignId),
									inArray(table.electorate.userId, part)
								)
							)
					).map((r) => [r.userId, { tierId: r.tierId }] as [number, { tierId: number | null }])
				);
				for (const [userId, member] of rows) found.set(`${campaignId}:${userId}`, member);
			}
			return found;
		}),
		// Keyed by the code's hash.
		codes: new Gather((hashes) =>
			inParts(hashes, async (part) =>
				(
					await db.select().from(table.ballotCode).where(inArray(table.ballotCode.codeHash, part))
				).map((r) => [r.codeHash, r])
			)
		)
	};
	perDatabase.set(db, lookups);
	return lookups;
}

/** The stored submission for an idempotency key, if any. */
export function lookUpSubmission(db: Database, key: string): Promise<StoredSubmission | undefined> {
	return lookupsOf(db).receipts.load(key);
}

/** The rater's row on a campaign's list (with their tier), if they are on it. */
export function lookUpMember(
	db: Database,
	campaignId: number,
	userId: number
): Promise<{ tierId: number | null } | undefined> {
	return lookupsOf(db).members.load(`${campaignId}:${userId}`);
}

/** A ballot code's row by the code in clear (normalized), if it exists. */
export function lookUpCode(db: Database, code: string): Promise<table.BallotCode | undefined> {
	return lookupsOf(db).codes.load(hashBallotCode(code));
}

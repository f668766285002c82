import type { Database } from '$lib/server/db';
import { Gather, groupKeys } from '$lib/server/db/gather';
import { asDate, asDateOrNull, rawExecutor } from '$lib/server/db/raw';
import type * as table from '$lib/server/db/schema';
import { hashBallotCode } from './codes';

export interface StoredSubmission {
	campaignId: number;
	receiptCode: string;
}

/** A rater's entry on a campaign's list: their tier and the subjects they are recused from. */
export interface Member {
	tierId: number | null;
	recused: number[];
}

interface Lookups {
	receipts: Gather<string, StoredSubmission>;
	members: Gather<string, Member>;
	codes: Gather<string, table.BallotCode>;
}

/**
 * The per-request look-ups of a submission (an earlier receipt for its key, the rater on the
 * list, the card's code), gathered: the requests that arrive in one turn of the event loop share
 * one query per kind instead of one each (see Gather), which is where a ballot's time goes once
 * the writes are group-committed.
 */
const perDatabase = new WeakMap<Database, Lookups>();

// Fixed texts, one array parameter each: prepared once per connection (db/raw.ts).
const receiptsByKey = `
	select idempotency_key, campaign_id, receipt_code
	from submission where idempotency_key = any($1::text[])`;
const membersOfCampaign = `
	select user_id, tier_id, recused_subject_ids from electorate where campaign_id = $1 and user_id = any($2::int[])`;
const codesByHash = `
	select id, campaign_id, code_hash, tier_id, audience, expires_at, used_at, created_at
	from ballot_code where code_hash = any($1::text[])`;

interface CodeRow {
	id: number;
	campaign_id: number;
	code_hash: string;
	tier_id: number | null;
	audience: boolean;
	expires_at: unknown;
	used_at: unknown;
	created_at: unknown;
	[column: string]: unknown;
}

function lookupsOf(db: Database): Lookups {
	let lookups = perDatabase.get(db);
	if (lookups) return lookups;
	const raw = rawExecutor(db);
	lookups = {
		receipts: new Gather(async (keys) => {
			const rows = await raw.query<{
				idempotency_key: string;
				campaign_id: number;
				receipt_code: string;
			}>(receiptsByKey, [keys]);
			return new Map(
				rows.map((r) => [
					r.idempotency_key,
					{ campaignId: r.campaign_id, receiptCode: r.receipt_code }
				])
			);
		}),
		// Keyed `campaignId:userId`; one query per campaign (there is nearly always one).
		members: new Gather(async (keys) => {
			const found = new Map<string, Member>();
			for (const [campaignId, userIds] of groupKeys(keys)) {
				const rows = await raw.query<{
					user_id: number;
					tier_id: number | null;
					recused_subject_ids: number[] | null;
				}>(membersOfCampaign, [Number(campaignId), userIds.map(Number)]);
				for (const row of rows)
					found.set(`${campaignId}:${row.user_id}`, {
						tierId: row.tier_id,
						recused: row.recused_subject_ids ?? []
					});
			}
			return found;
		}),
		// Keyed by the code's hash.
		codes: new Gather(async (hashes) => {
			const rows = await raw.query<CodeRow>(codesByHash, [hashes]);
			return new Map(
				rows.map((r): [string, table.BallotCode] => [
					r.code_hash,
					{
						id: r.id,
						campaignId: r.campaign_id,
						codeHash: r.code_hash,
						tierId: r.tier_id,
						audience: r.audience,
						expiresAt: asDateOrNull(r.expires_at),
						usedAt: asDateOrNull(r.used_at),
						createdAt: asDate(r.created_at)
					}
				])
			);
		})
	};
	perDatabase.set(db, lookups);
	return lookups;
}

/** The stored submission for an idempotency key, if any. */
export function lookUpSubmission(db: Database, key: string): Promise<StoredSubmission | undefined> {
	return lookupsOf(db).receipts.load(key);
}

/** The rater's row on a campaign's list (tier, recused subjects), if they are on it. */
export function lookUpMember(
	db: Database,
	campaignId: number,
	userId: number
): Promise<Member | undefined> {
	return lookupsOf(db).members.load(`${campaignId}:${userId}`);
}

/** A ballot code's row by the code in clear (normalized), if it exists. */
export function lookUpCode(db: Database, code: string): Promise<table.BallotCode | undefined> {
	return lookupsOf(db).codes.load(hashBallotCode(code));
}

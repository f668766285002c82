import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { hashBallotCode } from './codes';

/**
 * The per-request look-ups of a submission (an earlier receipt for its key, the rater on the
 * list, the card's code), gathered: the requests that arrive in one turn of the event loop share
 * one query per kind instead of one each. Each request still gets its own answer, read after it
 * arrived; nothing is cached. Under load this takes most of the small statements off the
 * database's hands (and the driver's), which is where a ballot's time goes once the writes are
 * group-committed.
 */
class Gather<K, V> {
	private pending = new Map<K, { resolve(v: V | undefined): void; reject(e: unknown): void }[]>();
	private scheduled = false;

	constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>) {}

	load(key: K): Promise<V | undefined> {
		return new Promise((resolve, reject) => {
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({ resolve, reject });
			else this.pending.set(key, [{ resolve, reject }]);
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	private flush(): void {
		const batch = this.pending;
		this.pending = new Map();
		this.scheduled = false;
		this.fetch([...batch.keys()]).then(
			(found) => {
				for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key));
			},
			(error: unknown) => {
				for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
			}
		);
	}
}

/** Keys per IN list: far below PostgreSQL's parameter limit. */
const perQuery = 5000;

async function inParts<K, V>(keys: K[], query: (part: K[]) => Promise<[K, V][]>) {
	const found = new Map<K, V>();
	for (let i = 0; i < keys.length; i += perQuery)
		for (const [k, v] of await query(keys.slice(i, i + perQuery))) found.set(k, v);
	return found;
}

export interface StoredSubmission {
	campaignId: number;
	receiptCode: string;
}

interface Lookups {
	receipts: Gather<string, StoredSubmission>;
	members: Gather<string, { tierId: number | null }>;
	codes: Gather<string, table.BallotCode>;
}

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

import { sql, type SQL } from 'drizzle-orm';
import { jsonParam } from '$lib/server/db/raw';
import type { PreparedSubmission } from './submit-batch';

/**
 * The writes of a group-commit batch other than its ballots (submit-rows.ts has those), as
 * statement parts shared by the one-statement path (submit-one-statement.ts) and the step-by-step
 * path (submit-batch.ts). Each takes its rows as one parameter, so a statement's text never
 * depends on the batch's size. Rows go in a fixed order (keys in key order, codes in id order,
 * participation by campaign, rater and subject): two batches never wait on each other in a circle.
 */
export interface BatchRows {
	/** Distinct, ascending. */
	campaignIds: number[];
	claims: { k: string; c: number; r: string }[];
	/** Ascending. */
	codeIds: number[];
	participation: { c: number; u: number | null; b: number | null; s: number }[];
}

export function batchRows(items: PreparedSubmission[]): BatchRows {
	return {
		campaignIds: [...new Set(items.map((i) => i.campaign.id))].sort((a, b) => a - b),
		claims: [...items]
			.sort((a, b) => compare(a.idempotencyKey, b.idempotencyKey))
			.map((i) => ({ k: i.idempotencyKey, c: i.campaign.id, r: i.receiptCode })),
		codeIds: items
			.map((i) => i.rater.ballotCodeId)
			.filter((id): id is number => id !== null)
			.sort((a, b) => a - b),
		participation: items.flatMap((i) =>
			i.ballots.map((b) => ({
				c: i.campaign.id,
				u: i.rater.userId,
				b: i.rater.ballotCodeId,
				s: b.subjectId
			}))
		)
	};
}

/** Idempotency keys: a key stored before is left alone (a retry, or a forgery). */
export function claimKeys(claims: BatchRows['claims'], day: string): SQL {
	return sql`
		insert into submission (idempotency_key, campaign_id, receipt_code, received_on)
		select x.k, x.c, x.r, ${day}::date
		from jsonb_to_recordset(${jsonParam(claims)}::text::jsonb) as x(k text, c int, r text)
		order by x.k
		on conflict do nothing`;
}

/** Cards' codes, spent now: a code spent meanwhile is left alone. */
export function spendCodes(codeIds: number[], now: Date): SQL {
	return sql`
		update ballot_code set used_at = ${now.toISOString()}::timestamptz
		where id = any(${sql.param(codeIds)}::int[]) and used_at is null`;
}

/**
 * Participation, one row per subject: the unique key leaves out a second vote (DO NOTHING rather
 * than an error, so the transaction stays usable).
 */
export function recordParticipation(rows: BatchRows['participation']): SQL {
	return sql`
		insert into participation (campaign_id, user_id, ballot_code_id, subject_id)
		select x.c, x.u, x.b, x.s
		from jsonb_to_recordset(${jsonParam(rows)}::text::jsonb) as x(c int, u int, b int, s int)
		order by x.c, x.u nulls first, x.b nulls first, x.s
		on conflict do nothing`;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { queryBuilt, rawExecutor } from '$lib/server/db/raw';
import { batchRows, claimKeys, recordParticipation, spendCodes } from './batch-statements';
import type { PreparedSubmission } from './submit-batch';
import { ballotRows, insertAnswers, insertBallots, today } from './submit-rows';

/**
 * The group commit's first try at a batch (docs/CAMPAIGNS.md, "Submitting a ballot"): the whole
 * batch as ONE statement in its own transaction, so the app waits for the database once per batch
 * — no BEGIN, no judging between statements, no COMMIT — where the step-by-step path waits three
 * times. Nearly every batch under load is refused nothing; this path is for those.
 *
 * The statement locks the batch's campaigns (FOR SHARE, as the step-by-step path does), claims the
 * keys, spends the codes, records participation and writes the ballots and answers, and hands
 * `ballot_batch_guard` (migration 0013) whether every campaign accepts ballots at `now` and every
 * submission got every row it needs. If one did not — a retry whose key is stored, a spent card, a
 * second vote, a campaign closed meanwhile — the guard raises, the statement and all it wrote are
 * undone, and this returns null: the caller writes the batch step by step, which judges each
 * submission and answers it. Any other failure throws, as the step-by-step path's would.
 */
export async function commitInOneStatement(
	db: Database,
	items: PreparedSubmission[]
): Promise<{ xid: string } | null> {
	const day = today();
	const now = new Date();
	const rows = batchRows(items);
	const written = items.map((item) => ballotRows(item.campaign, item.rater, item.ballots, day));
	// Accepting ballots at `now`: isAcceptingBallots (definition.ts) in SQL, on the locked row.
	const statement = sql`
		with campaigns as (
			select id from campaign
			where id = any(${sql.param(rows.campaignIds)}::int[])
				and state = 'open'
				and (opens_at is null or opens_at <= ${now.toISOString()}::timestamptz)
				and (closes_at is null or closes_at > ${now.toISOString()}::timestamptz)
			order by id for share
		),
		claimed as (${claimKeys(rows.claims, day)} returning 1),
		spent as (${spendCodes(rows.codeIds, now)} returning 1),
		voted as (${recordParticipation(rows.participation)} returning 1),
		ballots as (${insertBallots(written.flatMap((w) => w.ballots))}),
		answers as (${insertAnswers(written.flatMap((w) => w.answers))})
		select ballot_batch_guard(
			(select count(*) from campaigns) = ${rows.campaignIds.length}::int
			and (select count(*) from claimed) = ${rows.claims.length}::int
			and (select count(*) from spent) = ${rows.codeIds.length}::int
			and (select count(*) from voted) = ${rows.participation.length}::int
		) as complete, pg_current_xact_id()::text as xid`;
	try {
		const [row] = await queryBuilt<{ xid: string }>(rawExecutor(db), statement);
		return { xid: row.xid };
	} catch (error) {
		if (isGuardRefusal(error)) return null;
		throw error;
	}
}

/** ballot_batch_guard's own SQLSTATE (migration 0013). */
export const guardRefusalCode = 'MP001';

function isGuardRefusal(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === guardRefusalCode;
}

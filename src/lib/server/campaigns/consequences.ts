import { eq, sql } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

export interface TestRunData {
	/** Ballot rows (one per rater and subject), as `campaign.go_live` counts them. */
	ballots: number;
	cards: number;
	sheets: number;
}

/** What going live would delete, for the confirmation that names it before anything goes. */
export async function countTestRun(db: Executor, campaignId: number): Promise<TestRunData> {
	const n = sql<number>`count(*)::int`;
	const [[ballots], [cards], [sheets]] = await Promise.all([
		db.select({ n }).from(table.ballot).where(eq(table.ballot.campaignId, campaignId)),
		db.select({ n }).from(table.ballotCode).where(eq(table.ballotCode.campaignId, campaignId)),
		db.select({ n }).from(table.paperEntry).where(eq(table.paperEntry.campaignId, campaignId))
	]);
	return { ballots: ballots?.n ?? 0, cards: cards?.n ?? 0, sheets: sheets?.n ?? 0 };
}

import { sql } from 'drizzle-orm';
import type { Executor } from './definition';

/**
 * Rewrites a campaign's ballots and answers in random-id order inside the closing transaction.
 *
 * While a campaign is open, a ballot and the participation row written with it share the
 * transaction id PostgreSQL stamps on every row (the hidden `xmin` column), and sit at the same
 * end of their tables. Someone with raw database access could pair them. Re-inserting every
 * ballot in one later transaction, ordered by its random UUID, gives all of them the same xmin
 * and a physical order that says nothing about arrival. Dead copies remain until VACUUM, and the
 * write-ahead log keeps history; docs/CAMPAIGNS.md says what this does and does not protect.
 */
export async function resealBallots(tx: Executor, campaignId: number): Promise<void> {
	await tx.execute(sql`
		create temp table reseal_ballot on commit drop as
			select * from ballot where campaign_id = ${campaignId}`);
	await tx.execute(sql`
		create temp table reseal_answer on commit drop as
			select a.* from ballot_answer a join ballot b on b.id = a.ballot_id
			where b.campaign_id = ${campaignId}`);
	// Answers go with their ballots (on delete cascade) and come back from the copies.
	await tx.execute(sql`delete from ballot where campaign_id = ${campaignId}`);
	await tx.execute(sql`insert into ballot select * from reseal_ballot order by id`);
	await tx.execute(
		sql`insert into ballot_answer select * from reseal_answer order by ballot_id, question_id`
	);
}

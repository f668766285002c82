/**
 * Counting ballots in the database: every figure of the results starts from these GROUP BY
 * queries, so a campaign with a hundred thousand answers never travels into JavaScript row by row.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '$lib/server/db/rows';
import type { Executor } from '$lib/server/campaigns/definition';

/** Ballots returned per subject and rater tier (tier null: a ballot cast without a tier). */
export interface BallotCount {
	subjectId: number;
	tierId: number | null;
	n: number;
}

/** Answers of one option (choice), or picks of one key (checklist option or candidate subject). */
export interface OptionCount extends BallotCount {
	questionId: number;
	key: string;
}

/** Scores given to a numeric question: the exact sum as integer text, and how many. */
export interface ScoreSum extends BallotCount {
	questionId: number;
	total: bigint;
}

export interface CampaignCounts {
	ballots: BallotCount[];
	options: OptionCount[];
	scores: ScoreSum[];
	selections: OptionCount[];
}

/**
 * Which ballots to count, by channel: every ballot (the default), the jury's (everything but TV
 * viewers' audience ballots) or the audience's alone. See docs/LIVE.md, "Audience voting".
 */
export type ChannelFilter = 'all' | 'jury' | 'audience';

/** The extra condition on `ballot.channel` for a filter (nothing for 'all'). */
function channelCondition(column: 'channel' | 'b.channel', channels: ChannelFilter): SQL {
	if (channels === 'all') return sql``;
	const op = channels === 'audience' ? sql.raw('=') : sql.raw('<>');
	return sql` and ${sql.raw(column)} ${op} 'audience'`;
}

type Row = Record<string, unknown>;
const int = (value: unknown) => Number(value);
const tierOf = (value: unknown) => (value === null || value === undefined ? null : Number(value));

async function countBallots(
	db: Executor,
	campaignId: number,
	channels: ChannelFilter
): Promise<BallotCount[]> {
	const rows = rowsOf<Row>(
		await db.execute(sql`
			select subject_id, tier_id, count(*)::int as n
			from ballot where campaign_id = ${campaignId}${channelCondition('channel', channels)}
			group by subject_id, tier_id`)
	);
	return rows.map((r) => ({
		subjectId: int(r.subject_id),
		tierId: tierOf(r.tier_id),
		n: int(r.n)
	}));
}

async function countOptions(
	db: Executor,
	campaignId: number,
	channels: ChannelFilter
): Promise<OptionCount[]> {
	const rows = rowsOf<Row>(
		await db.execute(sql`
			select b.subject_id, b.tier_id, a.question_id, a.option_key as key, count(*)::int as n
			from ballot b join ballot_answer a on a.ballot_id = b.id
			where b.campaign_id = ${campaignId} and a.option_key is not null${channelCondition('b.channel', channels)}
			group by b.subject_id, b.tier_id, a.question_id, a.option_key`)
	);
	return rows.map(optionCount);
}

async function sumScores(
	db: Executor,
	campaignId: number,
	channels: ChannelFilter
): Promise<ScoreSum[]> {
	const rows = rowsOf<Row>(
		await db.execute(sql`
			select b.subject_id, b.tier_id, a.question_id, sum(a.score)::text as total, count(*)::int as n
			from ballot b join ballot_answer a on a.ballot_id = b.id
			where b.campaign_id = ${campaignId} and a.score is not null${channelCondition('b.channel', channels)}
			group by b.subject_id, b.tier_id, a.question_id`)
	);
	return rows.map((r) => ({
		subjectId: int(r.subject_id),
		tierId: tierOf(r.tier_id),
		questionId: int(r.question_id),
		total: BigInt(String(r.total)),
		n: int(r.n)
	}));
}

/** Checklist options ticked and candidates picked, one row per selected key. */
async function countSelections(
	db: Executor,
	campaignId: number,
	channels: ChannelFilter
): Promise<OptionCount[]> {
	const rows = rowsOf<Row>(
		await db.execute(sql`
			select b.subject_id, b.tier_id, a.question_id, s.key, count(*)::int as n
			from ballot b
			join ballot_answer a on a.ballot_id = b.id
			cross join lateral jsonb_array_elements_text(a.selected) as s(key)
			where b.campaign_id = ${campaignId} and a.selected is not null${channelCondition('b.channel', channels)}
			group by b.subject_id, b.tier_id, a.question_id, s.key`)
	);
	return rows.map(optionCount);
}

/** A count per (subject, tier, question, key): options chosen and selections alike. */
const optionCount = (r: Row): OptionCount => ({
	subjectId: int(r.subject_id),
	tierId: tierOf(r.tier_id),
	questionId: int(r.question_id),
	key: String(r.key),
	n: int(r.n)
});

/**
 * Every count the results need, read in one repeatable snapshot when called inside a transaction.
 * `channels` narrows the count to the jury's or the audience's ballots (default: all of them).
 */
export async function countCampaign(
	db: Executor,
	campaignId: number,
	channels: ChannelFilter = 'all'
): Promise<CampaignCounts> {
	const ballots = await countBallots(db, campaignId, channels);
	const options = await countOptions(db, campaignId, channels);
	const scores = await sumScores(db, campaignId, channels);
	const selections = await countSelections(db, campaignId, channels);
	return { ballots, options, scores, selections };
}

import { and, asc, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

/**
 * Where a juror stands with a campaign, as the list at /ballot shows it: `open` is the only one
 * with a link to the ballot (every other would answer 409 or send the juror back to the list).
 */
export type JurorCampaignStatus =
	'open' | 'not_yet_open' | 'deadline_passed' | 'voted' | 'voted_ended' | 'ended';

export interface JurorCampaign {
	id: number;
	title: string;
	kind: table.Campaign['kind'];
	opensAt: Date | null;
	closesAt: Date | null;
	voted: boolean;
	status: JurorCampaignStatus;
}

/** Campaigns that have taken ballots and stopped: a juror who voted in one still sees it. */
const endedStates: table.Campaign['state'][] = ['closed', 'published'];

/**
 * A juror's campaigns: every open one on their list, and the closed or published ones they voted
 * in (so that they can see their ballot was counted), with where they stand in each at `now`.
 */
export async function listJurorCampaigns(
	db: Executor,
	userId: number,
	now = new Date()
): Promise<JurorCampaign[]> {
	const voted = exists(
		db
			.select({ one: sql`1` })
			.from(table.participation)
			.where(
				and(
					eq(table.participation.campaignId, table.campaign.id),
					eq(table.participation.userId, userId)
				)
			)
	);
	const rows = await db
		.select({
			id: table.campaign.id,
			title: table.campaign.title,
			kind: table.campaign.kind,
			state: table.campaign.state,
			opensAt: table.campaign.opensAt,
			closesAt: table.campaign.closesAt,
			voted: voted.mapWith(Boolean)
		})
		.from(table.electorate)
		.innerJoin(table.campaign, eq(table.campaign.id, table.electorate.campaignId))
		.where(
			and(
				eq(table.electorate.userId, userId),
				or(eq(table.campaign.state, 'open'), and(inArray(table.campaign.state, endedStates), voted))
			)
		)
		.orderBy(asc(table.campaign.closesAt), asc(table.campaign.id));
	return rows.map(({ state, ...row }) => ({
		...row,
		status: jurorCampaignStatus({ state, ...row }, now)
	}));
}

/** Where a juror stands with a campaign at `now` (pure; the list's order is the query's). */
export function jurorCampaignStatus(
	campaign: Pick<table.Campaign, 'state' | 'opensAt' | 'closesAt'> & { voted: boolean },
	now: Date
): JurorCampaignStatus {
	const ended =
		campaign.state !== 'open' || (campaign.closesAt !== null && now >= campaign.closesAt);
	if (campaign.voted) return ended ? 'voted_ended' : 'voted';
	if (campaign.state !== 'open') return 'ended';
	if (campaign.opensAt !== null && now < campaign.opensAt) return 'not_yet_open';
	if (ended) return 'deadline_passed';
	return 'open';
}

/** The user's entry on a campaign's list (tier, subjects they are recused from), or null. */
export async function getListEntry(
	db: Executor,
	campaignId: number,
	userId: number
): Promise<{ tierId: number | null; recused: number[] } | null> {
	const [row] = await db
		.select({ tierId: table.electorate.tierId, recused: table.electorate.recusedSubjectIds })
		.from(table.electorate)
		.where(and(eq(table.electorate.campaignId, campaignId), eq(table.electorate.userId, userId)));
	return row ?? null;
}

export async function isInElectorate(
	db: Executor,
	campaignId: number,
	userId: number
): Promise<boolean> {
	const [row] = await db
		.select({ id: table.electorate.id })
		.from(table.electorate)
		.where(and(eq(table.electorate.campaignId, campaignId), eq(table.electorate.userId, userId)));
	return Boolean(row);
}

export async function hasVoted(db: Executor, campaignId: number, userId: number): Promise<boolean> {
	const [row] = await db
		.select({ id: table.participation.id })
		.from(table.participation)
		.where(
			and(eq(table.participation.campaignId, campaignId), eq(table.participation.userId, userId))
		)
		.limit(1);
	return Boolean(row);
}

export interface CampaignListRow {
	id: number;
	title: string;
	kind: table.Campaign['kind'];
	state: table.Campaign['state'];
	testMode: boolean;
	secret: boolean;
	ballots: number;
	createdAt: Date;
}

/** Campaigns in the given regions (null: all, including city-wide ones without a region). */
export async function listCampaigns(
	db: Executor,
	scope: number[] | null
): Promise<CampaignListRow[]> {
	if (scope !== null && scope.length === 0) return [];
	return db
		.select({
			id: table.campaign.id,
			title: table.campaign.title,
			kind: table.campaign.kind,
			state: table.campaign.state,
			testMode: table.campaign.testMode,
			secret: table.campaign.secret,
			// Qualified by hand: inside a subquery drizzle would print the bare column name.
			ballots: sql<number>`(select count(*)::int from ballot b where b.campaign_id = "campaign"."id")`,
			createdAt: table.campaign.createdAt
		})
		.from(table.campaign)
		.where(scope === null ? undefined : inArray(table.campaign.regionId, scope))
		.orderBy(desc(table.campaign.createdAt), desc(table.campaign.id));
}

export interface TierTurnout {
	tierId: number | null;
	name: string | null;
	/** Raters who may vote online (electorate) plus cards printed for the tier. */
	eligible: number;
	/** Raters (people or cards) who have submitted. */
	voted: number;
	paper: number;
}

/**
 * Turnout per tier from participation (people and cards) and accepted paper ballots. Counts
 * raters, not ballots: one rater rating five units is one voter.
 */
/**
 * Eligible raters, voters and paper ballots per tier: the jury's turnout. TV viewers' audience
 * tokens are not raters of the campaign and are counted apart (src/lib/server/live/audience.ts).
 */
export async function getTurnout(db: Executor, campaignId: number): Promise<TierTurnout[]> {
	const rows = await db.execute(sql`
		with eligible as (
			select tier_id, count(*)::int as n from ${table.electorate}
			where campaign_id = ${campaignId} and ${notRecusedFromAll(campaignId)} group by tier_id
			union all
			select tier_id, count(*)::int from ${table.ballotCode}
			where campaign_id = ${campaignId} and not audience group by tier_id
		), voters as (
			select coalesce(e.tier_id, c.tier_id) as tier_id,
				count(distinct coalesce('u' || p.user_id::text, 'c' || p.ballot_code_id::text))::int as n
			from ${table.participation} p
			left join ${table.electorate} e on e.campaign_id = p.campaign_id and e.user_id = p.user_id
			left join ${table.ballotCode} c on c.id = p.ballot_code_id
			where p.campaign_id = ${campaignId} and not coalesce(c.audience, false)
			group by 1
		), paper as (
			select tier_id, count(*)::int as n from ${table.paperEntry}
			where campaign_id = ${campaignId} and status = 'accepted' group by tier_id
		), tiers as (
			select tier_id from eligible union select tier_id from voters union select tier_id from paper
		)
		select t.tier_id as "tierId", rt.name,
			coalesce((select sum(n) from eligible e where e.tier_id is not distinct from t.tier_id), 0)::int as eligible,
			coalesce((select n from voters v where v.tier_id is not distinct from t.tier_id), 0)::int as voted,
			coalesce((select n from paper p where p.tier_id is not distinct from t.tier_id), 0)::int as paper
		from tiers t left join ${table.raterTier} rt on rt.id = t.tier_id
		order by rt.position nulls last`);
	return rowsOf<TierTurnout>(rows);
}

/**
 * An electorate row whose member may rate at least one subject. A member recused (回避) from
 * every subject cannot vote, so they are not counted eligible nor listed as not having voted.
 */
function notRecusedFromAll(campaignId: number) {
	return sql`cardinality(${table.electorate.recusedSubjectIds}) < (select count(*) from ${table.campaignSubject} s where s.campaign_id = ${campaignId})`;
}

/** For named (non-secret) campaigns only: who may vote and has not yet. */
export async function listNonVoters(
	db: Executor,
	campaignId: number
): Promise<{ userId: number; name: string }[]> {
	return db
		.select({ userId: table.appUser.id, name: table.appUser.displayName })
		.from(table.electorate)
		.innerJoin(table.appUser, eq(table.appUser.id, table.electorate.userId))
		.where(
			and(
				eq(table.electorate.campaignId, campaignId),
				notRecusedFromAll(campaignId),
				sql`not exists (select 1 from ${table.participation} p where p.campaign_id = ${campaignId} and p.user_id = ${table.electorate.userId})`
			)
		)
		.orderBy(asc(table.appUser.displayName));
}

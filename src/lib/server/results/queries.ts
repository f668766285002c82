/** Reads for the results pages and the public API. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '$lib/server/campaigns/definition';
import * as table from '$lib/server/db/schema';
import { computeResults } from './compute';
import { canonicalSnapshot, parsePublished, type PublishedSnapshot } from './snapshot';
import { buildReport, type ReportView } from './view';

export interface ResultCampaignRow {
	id: number;
	title: string;
	kind: table.Campaign['kind'];
	state: table.Campaign['state'];
	ballots: number;
	publishedAt: Date | null;
	sha256: string | null;
}

/**
 * Campaigns with results to look at: closed (not yet published), published and archived; with
 * `states`, others (e.g. drafts and open campaigns whose rules can still change). Only campaigns
 * inside `scope` (null: all; a campaign without a region only for unscoped readers).
 */
export async function listResultCampaigns(
	db: Executor,
	scope: number[] | null = null,
	states: table.Campaign['state'][] = ['closed', 'published', 'archived']
): Promise<ResultCampaignRow[]> {
	if (scope !== null && scope.length === 0) return [];
	return db
		.select({
			id: table.campaign.id,
			title: table.campaign.title,
			kind: table.campaign.kind,
			state: table.campaign.state,
			ballots: sql<number>`(select count(*)::int from ballot b where b.campaign_id = ${table.campaign.id})`,
			publishedAt: table.result.publishedAt,
			sha256: table.result.sha256
		})
		.from(table.campaign)
		.leftJoin(table.result, eq(table.result.campaignId, table.campaign.id))
		.where(
			and(
				inArray(table.campaign.state, states),
				scope === null ? undefined : inArray(table.campaign.regionId, scope)
			)
		)
		.orderBy(desc(table.campaign.updatedAt), desc(table.campaign.id));
}

export interface PublishedResult {
	campaignId: number;
	snapshot: string;
	sha256: string;
	ballotCount: number;
	publishedAt: Date;
}

/** The frozen result of a campaign that is published (or archived after publication); else null. */
export async function getPublishedResult(
	db: Executor,
	campaignId: number
): Promise<PublishedResult | null> {
	const [row] = await db
		.select({
			campaignId: table.result.campaignId,
			snapshot: table.result.snapshot,
			sha256: table.result.sha256,
			ballotCount: table.result.ballotCount,
			publishedAt: table.result.publishedAt
		})
		.from(table.result)
		.innerJoin(table.campaign, eq(table.campaign.id, table.result.campaignId))
		.where(
			and(
				eq(table.result.campaignId, campaignId),
				inArray(table.campaign.state, ['published', 'archived'])
			)
		);
	return row ?? null;
}

export interface StaffResults {
	campaign: table.Campaign;
	report: ReportView;
	snapshot: PublishedSnapshot;
	published: { sha256: string; publishedAt: Date; ballotCount: number } | null;
}

/** Published results as frozen, or a live preview of a closed campaign; null for other states. */
export async function getStaffResults(
	db: Executor,
	campaignId: number
): Promise<StaffResults | null> {
	const [campaign] = await db
		.select()
		.from(table.campaign)
		.where(eq(table.campaign.id, campaignId));
	if (!campaign || !['closed', 'published', 'archived'].includes(campaign.state)) return null;
	const published = await getPublishedResult(db, campaignId);
	if (published) {
		const snapshot = parsePublished(published.snapshot);
		return { campaign, report: buildReport(snapshot), snapshot, published };
	}
	const computed = await computeResults(db, campaignId);
	if (!computed) return null;
	const snapshot = parsePublished(canonicalSnapshot(computed.snapshot));
	return { campaign, report: buildReport(snapshot), snapshot, published: null };
}

/** The ranking group a campaign belongs to, if any. */
export async function groupOfCampaign(
	db: Executor,
	campaignId: number
): Promise<{ id: number; title: string } | null> {
	const [row] = await db
		.select({ id: table.rankingGroup.id, title: table.rankingGroup.title })
		.from(table.rankingGroupMember)
		.innerJoin(table.rankingGroup, eq(table.rankingGroup.id, table.rankingGroupMember.groupId))
		.where(eq(table.rankingGroupMember.campaignId, campaignId));
	return row ?? null;
}

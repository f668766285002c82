/** Reads for the results pages and the public API. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '$lib/server/campaigns/definition';
import * as table from '$lib/server/db/schema';
import { computeResults } from './compute';
import { canonicalSnapshot, parsePublished } from './snapshot';
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

/** Campaigns with results to look at: closed (not yet published), published and archived. */
export async function listResultCampaigns(db: Executor): Promise<ResultCampaignRow[]> {
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
		.where(inArray(table.campaign.state, ['closed', 'published', 'archived']))
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
	if (published)
		return { campaign, report: buildReport(parsePublished(published.snapshot)), published };
	const computed = await computeResults(db, campaignId);
	if (!computed) return null;
	const text = canonicalSnapshot(computed.snapshot);
	return { campaign, report: buildReport(parsePublished(text)), published: null };
}

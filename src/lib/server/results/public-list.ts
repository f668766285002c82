/**
 * The public index of published results (`/public`): every campaign whose results were published
 * and every frozen ranking round, newest first. Only what was frozen at publication is listed, so
 * nothing here can show a figure the public pages would not.
 */
import { and, desc, eq, ilike, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { CampaignKind } from '$lib/domain/campaign-scale';
import type { Executor } from '$lib/server/campaigns/definition';
import { containsPattern } from '$lib/server/db/like';
import * as table from '$lib/server/db/schema';

export const PUBLIC_PAGE_SIZE = 30;

export interface PublicListQuery {
	search: string;
	kind: CampaignKind | null;
	/** Year of publication, Beijing time. */
	year: number | null;
	page: number;
}

export interface PublishedCampaignRow {
	id: number;
	title: string;
	kind: CampaignKind;
	region: string | null;
	publishedAt: Date;
}

export interface PublishedRoundRow {
	id: number;
	title: string;
	kind: CampaignKind;
	year: number;
	region: string | null;
	publishedAt: Date;
}

export interface PublicIndex {
	campaigns: PublishedCampaignRow[];
	total: number;
	page: number;
	pageSize: number;
	rounds: PublishedRoundRow[];
	/** Years with a publication, newest first, for the filter. */
	years: number[];
}

const beijingYear = (column: AnyColumn) =>
	sql<number>`extract(year from ${column} at time zone 'Asia/Shanghai')::int`;

export async function listPublishedResults(
	db: Executor,
	query: PublicListQuery
): Promise<PublicIndex> {
	const conditions: SQL[] = [inArray(table.campaign.state, ['published', 'archived'])];
	if (query.search) conditions.push(ilike(table.campaign.title, containsPattern(query.search)));
	if (query.kind) conditions.push(eq(table.campaign.kind, query.kind));
	if (query.year) conditions.push(sql`${beijingYear(table.result.publishedAt)} = ${query.year}`);
	const rows = await db
		.select({
			id: table.campaign.id,
			title: table.campaign.title,
			kind: table.campaign.kind,
			region: table.region.name,
			publishedAt: table.result.publishedAt,
			total: sql<number>`count(*) over ()`.mapWith(Number)
		})
		.from(table.result)
		.innerJoin(table.campaign, eq(table.campaign.id, table.result.campaignId))
		.leftJoin(table.region, eq(table.region.id, table.campaign.regionId))
		.where(and(...conditions))
		.orderBy(desc(table.result.publishedAt), desc(table.campaign.id))
		.limit(PUBLIC_PAGE_SIZE)
		.offset((query.page - 1) * PUBLIC_PAGE_SIZE);

	const roundConditions: SQL[] = [];
	if (query.search)
		roundConditions.push(ilike(table.rankingGroup.title, containsPattern(query.search)));
	if (query.kind) roundConditions.push(eq(table.rankingGroup.kind, query.kind));
	if (query.year)
		roundConditions.push(sql`${beijingYear(table.rankingGroupResult.publishedAt)} = ${query.year}`);
	const rounds = await db
		.select({
			id: table.rankingGroup.id,
			title: table.rankingGroup.title,
			kind: table.rankingGroup.kind,
			year: table.rankingGroup.year,
			region: table.region.name,
			publishedAt: table.rankingGroupResult.publishedAt
		})
		.from(table.rankingGroupResult)
		.innerJoin(table.rankingGroup, eq(table.rankingGroup.id, table.rankingGroupResult.groupId))
		.leftJoin(table.region, eq(table.region.id, table.rankingGroup.regionId))
		.where(and(...roundConditions))
		.orderBy(desc(table.rankingGroupResult.publishedAt), desc(table.rankingGroup.id))
		.limit(100);

	const year = beijingYear(table.result.publishedAt);
	const years = await db
		.select({ year })
		.from(table.result)
		.innerJoin(table.campaign, eq(table.campaign.id, table.result.campaignId))
		.where(inArray(table.campaign.state, ['published', 'archived']))
		.groupBy(year)
		.orderBy(desc(year));

	return {
		campaigns: rows.map(({ total: _total, ...row }) => row),
		total: rows[0]?.total ?? 0,
		page: query.page,
		pageSize: PUBLIC_PAGE_SIZE,
		rounds,
		years: years.map((y) => y.year)
	};
}

/** Search, kind, year and page from the address; nonsense falls back to defaults, as elsewhere. */
export function parsePublicListQuery(
	params: URLSearchParams,
	kinds: readonly CampaignKind[]
): PublicListQuery {
	const page = Number(params.get('page'));
	const year = Number(params.get('year'));
	const kind = params.get('kind');
	return {
		search: (params.get('q') ?? '').trim().slice(0, 100),
		kind: kinds.find((k) => k === kind) ?? null,
		year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
		page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1
	};
}

/**
 * Where the dashboard's values come from: the series query's rows turned into points that name
 * their source document by index, and the titles of the campaigns computed values come from.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import type { TrendDocument, TrendPoint } from '$lib/charts/options/types';

type Reader = Pick<Database, 'execute'>;

/** A row of the series query (queries.ts, `valuesWithSources`). */
export type PointRow = {
	region_id: number;
	year: number;
	value: string;
	rank: number | null;
	peers: number | null;
	source: 'imported' | 'computed';
	source_document: string | null;
	campaign_id: number | null;
	file_name: string | null;
};

/** Points that name their source by index into one list of distinct documents. */
export function pointsWithDocuments(rows: PointRow[]): {
	points: TrendPoint[];
	documents: TrendDocument[];
} {
	const documents: TrendDocument[] = [];
	const indexOf = new Map<string, number>();
	const points = rows.map((p): TrendPoint => {
		const point: TrendPoint = {
			regionId: Number(p.region_id),
			year: Number(p.year),
			value: p.value,
			rank: p.rank === null ? null : Number(p.rank),
			peers: p.peers === null ? null : Number(p.peers),
			source: p.source
		};
		if (p.source === 'computed' && p.campaign_id !== null) point.campaignId = Number(p.campaign_id);
		if (p.source === 'imported' && (p.source_document !== null || p.file_name !== null)) {
			const document = {
				title: p.source_document,
				file: p.source_document === null ? p.file_name : null
			};
			const key = JSON.stringify(document);
			let index = indexOf.get(key);
			if (index === undefined) {
				index = documents.push(document) - 1;
				indexOf.set(key, index);
			}
			point.document = index;
		}
		return point;
	});
	return { points, documents };
}

/** The titles of the campaigns computed values come from (the CSV's 来源 column). */
export async function listCampaignTitles(
	db: Reader,
	ids: readonly number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = rowsOf<{ id: number; title: string }>(
		await db.execute(
			sql`select id, title from campaign where id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `
			)})`
		)
	);
	return new Map(rows.map((r) => [Number(r.id), r.title]));
}

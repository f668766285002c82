/** Reads of rectification items: lists with filters, overdue by quarter, notes and evidence. */
import { and, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '$lib/server/campaigns/definition';
import * as table from '$lib/server/db/schema';
import { quarterOf, todayInChina } from './dates';
import { sha256Hex } from './snapshot';

export interface RectificationFilter {
	id?: number;
	status?: table.RectificationStatus;
	overdueOnly?: boolean;
	quarter?: string;
	/** Only items of campaigns inside these regions (null or absent: all). */
	scope?: number[] | null;
}

export interface RectificationRow extends table.Rectification {
	campaignId: number;
	campaignTitle: string;
	ruleId: string;
	subjectLabel: string;
	overdue: boolean;
	quarter: string;
}

export async function listRectifications(
	db: Executor,
	filter: RectificationFilter = {},
	today = todayInChina()
): Promise<RectificationRow[]> {
	const where: SQL[] = [];
	if (filter.id !== undefined) where.push(eq(table.rectification.id, filter.id));
	if (filter.status) where.push(eq(table.rectification.status, filter.status));
	if (filter.overdueOnly)
		where.push(lt(table.rectification.deadline, today), ne(table.rectification.status, 'closed'));
	if (filter.scope !== undefined && filter.scope !== null)
		where.push(
			filter.scope.length === 0 ? sql`false` : inArray(table.campaign.regionId, filter.scope)
		);
	const rows = await db
		.select({
			item: table.rectification,
			campaignId: table.outcome.campaignId,
			campaignTitle: table.campaign.title,
			ruleId: table.outcome.ruleId,
			subjectLabel: table.campaignSubject.label
		})
		.from(table.rectification)
		.innerJoin(table.outcome, eq(table.rectification.outcomeId, table.outcome.id))
		.innerJoin(table.campaign, eq(table.outcome.campaignId, table.campaign.id))
		.innerJoin(table.campaignSubject, eq(table.outcome.subjectId, table.campaignSubject.id))
		.where(and(...where))
		.orderBy(asc(table.rectification.deadline), asc(table.rectification.id));
	return rows
		.map((r) => ({
			...r.item,
			campaignId: r.campaignId,
			campaignTitle: r.campaignTitle,
			ruleId: r.ruleId,
			subjectLabel: r.subjectLabel,
			overdue: r.item.status !== 'closed' && r.item.deadline < today,
			quarter: quarterOf(r.item.deadline)
		}))
		.filter((r) => !filter.quarter || r.quarter === filter.quarter);
}

/** Overdue items per quarter of their deadline, oldest quarter first. */
export function overdueByQuarter(
	rows: readonly RectificationRow[]
): { quarter: string; items: RectificationRow[] }[] {
	const groups = new Map<string, RectificationRow[]>();
	for (const row of rows.filter((r) => r.overdue))
		groups.set(row.quarter, [...(groups.get(row.quarter) ?? []), row]);
	return [...groups]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([quarter, items]) => ({ quarter, items }));
}

export type NoteSummary = Omit<table.RectificationNote, 'fileContent'>;

export async function listNotes(db: Executor, rectificationId: number): Promise<NoteSummary[]> {
	return db
		.select({
			id: table.rectificationNote.id,
			rectificationId: table.rectificationNote.rectificationId,
			text: table.rectificationNote.text,
			fileName: table.rectificationNote.fileName,
			fileType: table.rectificationNote.fileType,
			fileSize: table.rectificationNote.fileSize,
			fileSha256: table.rectificationNote.fileSha256,
			authorId: table.rectificationNote.authorId,
			createdAt: table.rectificationNote.createdAt
		})
		.from(table.rectificationNote)
		.where(eq(table.rectificationNote.rectificationId, rectificationId))
		.orderBy(desc(table.rectificationNote.createdAt), desc(table.rectificationNote.id));
}

/** One evidence file, checked against the hash taken at upload before it is served. */
export async function getEvidence(db: Executor, noteId: number) {
	const [row] = await db
		.select()
		.from(table.rectificationNote)
		.where(
			and(
				eq(table.rectificationNote.id, noteId),
				sql`${table.rectificationNote.fileContent} is not null`
			)
		);
	if (!row?.fileContent) return null;
	return {
		...row,
		content: row.fileContent,
		intact: sha256Hex(row.fileContent) === row.fileSha256
	};
}

/**
 * Rectification items (整改): problem list, progress notes with evidence, the owner's report
 * (submitted) and close-out (销号) by staff. Overdue means past the deadline and not closed.
 */
import { and, asc, desc, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { quarterOf, todayInChina } from './dates';
import { sha256Hex } from './snapshot';

export type RectificationRefusal = 'not_found' | 'closed' | 'not_allowed' | 'too_large' | 'empty';

export class RectificationError extends Error {
	constructor(readonly refusal: RectificationRefusal) {
		super(refusal);
		this.name = 'RectificationError';
	}
}

/** Evidence files are kept in the database, so each is capped (photos and scanned PDFs fit). */
export const maxEvidenceBytes = 5 * 1024 * 1024;

export interface RectificationFilter {
	id?: number;
	status?: table.RectificationStatus;
	overdueOnly?: boolean;
	quarter?: string;
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

async function lockItem(tx: Executor, id: number): Promise<table.Rectification> {
	const [row] = await tx
		.select()
		.from(table.rectification)
		.where(eq(table.rectification.id, id))
		.for('update');
	if (!row) throw new RectificationError('not_found');
	if (row.status === 'closed') throw new RectificationError('closed');
	return row;
}

export interface Evidence {
	name: string;
	type: string;
	content: Uint8Array;
}

/** A progress note (and optional evidence file); the first one moves an open item to in progress. */
export async function addNote(
	db: Database,
	id: number,
	input: { text: string; evidence: Evidence | null },
	actor: Actor | null
): Promise<void> {
	const text = input.text.trim();
	if (text === '') throw new RectificationError('empty');
	const file = input.evidence;
	if (file && file.content.byteLength > maxEvidenceBytes) throw new RectificationError('too_large');
	const fileSha256 = file ? sha256Hex(file.content) : null;
	await db.transaction(async (tx) => {
		const item = await lockItem(tx, id);
		const [note] = await tx
			.insert(table.rectificationNote)
			.values({
				rectificationId: id,
				text,
				fileName: file?.name ?? null,
				fileType: file ? file.type || 'application/octet-stream' : null,
				fileSize: file?.content.byteLength ?? null,
				fileSha256,
				fileContent: file?.content ?? null,
				authorId: actor?.id ?? null
			})
			.returning({ id: table.rectificationNote.id });
		if (item.status === 'open')
			await tx
				.update(table.rectification)
				.set({ status: 'in_progress' })
				.where(eq(table.rectification.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: 'rectification.note',
			subjectType: 'rectification',
			subjectId: id,
			details: { noteId: note.id, file: file?.name ?? null, sha256: fileSha256 }
		});
	});
}

/** The problem list, one problem per line, editable until close-out. */
export async function setProblems(
	db: Database,
	id: number,
	problems: string[],
	actor: Actor | null
) {
	const list = problems.map((p) => p.trim()).filter((p) => p !== '');
	await db.transaction(async (tx) => {
		await lockItem(tx, id);
		await tx
			.update(table.rectification)
			.set({ problems: list })
			.where(eq(table.rectification.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: 'rectification.problems',
			subjectType: 'rectification',
			subjectId: id,
			details: { problems: list }
		});
	});
}

/** submitted: the owner unit reported back; closed: staff reviewed it and closed it out (销号). */
export async function advanceRectification(
	db: Database,
	id: number,
	to: 'submitted' | 'closed',
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const item = await lockItem(tx, id);
		const allowed = to === 'submitted' ? item.status !== 'submitted' : item.status === 'submitted';
		if (!allowed) throw new RectificationError('not_allowed');
		await tx
			.update(table.rectification)
			.set(
				to === 'closed'
					? { status: 'closed', closedBy: actor?.id ?? null, closedAt: new Date() }
					: { status: 'submitted' }
			)
			.where(eq(table.rectification.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: to === 'closed' ? 'rectification.close' : 'rectification.submit',
			subjectType: 'rectification',
			subjectId: id,
			details: { from: item.status, to }
		});
	});
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

/**
 * Rectification items (整改): problem list, progress notes with evidence, the owner's report
 * (submitted) and close-out (销号) by staff. Reads are in rectification-queries.ts.
 */
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
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

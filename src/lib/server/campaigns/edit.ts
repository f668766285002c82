import { and, eq } from 'drizzle-orm';
import { isEditable } from '$lib/domain/campaign-lifecycle';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Actor } from './create';
import type { Executor } from './definition';

export class NotEditableError extends Error {
	constructor() {
		super('campaign is not a draft');
		this.name = 'NotEditableError';
	}
}

/** Locks the campaign and refuses unless it is still a draft: questions freeze at opening. */
export async function lockDraft(tx: Executor, campaignId: number): Promise<table.Campaign> {
	const [row] = await tx
		.select()
		.from(table.campaign)
		.where(eq(table.campaign.id, campaignId))
		.for('update');
	if (!row || !isEditable(row.state)) throw new NotEditableError();
	return row;
}

export interface DraftDetails {
	title: string;
	opensAt: Date | null;
	closesAt: Date | null;
}

export async function updateDraft(
	db: Database,
	campaignId: number,
	details: DraftDetails,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const before = await lockDraft(tx, campaignId);
		await tx
			.update(table.campaign)
			.set({ ...details, updatedAt: new Date() })
			.where(eq(table.campaign.id, campaignId));
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.update',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { from: { title: before.title }, to: { title: details.title } }
		});
	});
}

export async function removeSubject(
	db: Database,
	campaignId: number,
	subjectId: number,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockDraft(tx, campaignId);
		const removed = await tx
			.delete(table.campaignSubject)
			.where(
				and(
					eq(table.campaignSubject.id, subjectId),
					eq(table.campaignSubject.campaignId, campaignId)
				)
			)
			.returning({ label: table.campaignSubject.label });
		if (removed.length === 0) return;
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.subject_remove',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { subjectId, label: removed[0].label }
		});
	});
}

/** Replaces the named list (people and their tiers) of a draft campaign. */
export async function setNamedElectorate(
	db: Database,
	campaignId: number,
	members: { userId: number; tierId: number | null }[],
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockDraft(tx, campaignId);
		await tx.delete(table.electorate).where(eq(table.electorate.campaignId, campaignId));
		if (members.length > 0)
			await tx.insert(table.electorate).values(members.map((m) => ({ campaignId, ...m })));
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.electorate_set',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { members: members.length }
		});
	});
}

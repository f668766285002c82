import { and, eq, max } from 'drizzle-orm';
import { applyQuestionEdit, type EditRefusal, type QuestionEdit } from '$lib/domain/campaign-edit';
import type { SubjectKind } from '$lib/domain/campaign-scale';
import { getTemplate } from '$lib/domain/campaign-templates';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { addSubjects, type Actor } from './create';
import { lockDraft } from './edit';

export class EditError extends Error {
	constructor(readonly refusal: EditRefusal | 'not_found') {
		super(refusal);
		this.name = 'EditError';
	}
}

/** Retunes one question of a draft (points, exclusions, range, required), with its audit event. */
export async function updateQuestion(
	db: Database,
	campaignId: number,
	questionId: number,
	edit: QuestionEdit,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockDraft(tx, campaignId);
		const [question] = await tx
			.select()
			.from(table.question)
			.where(and(eq(table.question.id, questionId), eq(table.question.campaignId, campaignId)));
		if (!question) throw new EditError('not_found');
		const result = applyQuestionEdit(question.scale, edit);
		if (!result.ok) throw new EditError(result.refusal);
		await tx
			.update(table.question)
			.set({ scale: result.scale, required: edit.required })
			.where(eq(table.question.id, questionId));
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.question_update',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: {
				question: question.key,
				from: question.scale,
				to: result.scale,
				required: edit.required
			}
		});
	});
}

export async function setTierWeights(
	db: Database,
	campaignId: number,
	weights: Map<number, number>,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockDraft(tx, campaignId);
		for (const [tierId, weight] of weights)
			await tx
				.update(table.raterTier)
				.set({ weight })
				.where(and(eq(table.raterTier.id, tierId), eq(table.raterTier.campaignId, campaignId)));
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.tier_weights',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { weights: Object.fromEntries(weights) }
		});
	});
}

/** Adds typed subjects to a draft, as the kind's template types them (team, unit or cadre). */
export async function addTypedSubjects(
	db: Database,
	campaignId: number,
	labels: string[],
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const campaign = await lockDraft(tx, campaignId);
		const kinds = getTemplate(campaign.kind).subjectKinds;
		const kind: SubjectKind | undefined = kinds.includes('team') ? 'team' : kinds[0];
		if (!kind) throw new EditError('options');
		const [last] = await tx
			.select({ position: max(table.campaignSubject.position) })
			.from(table.campaignSubject)
			.where(eq(table.campaignSubject.campaignId, campaignId));
		const next = (last?.position ?? -1) + 1;
		await addSubjects(
			tx,
			campaignId,
			labels.map((label) => ({ kind, label })),
			next
		);
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.subject_add',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { labels }
		});
	});
}

import type { CampaignKind, SubjectKind } from '$lib/domain/campaign-scale';
import { getTemplate } from '$lib/domain/campaign-templates';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

export interface Actor {
	id: number;
	label: string;
}

export interface SubjectInput {
	kind: SubjectKind;
	label: string;
	detail?: string | null;
	unitId?: number | null;
	cadreId?: number | null;
}

export interface NewCampaignInput {
	kind: CampaignKind;
	title: string;
	regionId: number | null;
	secret?: boolean;
	testMode?: boolean;
	electorateSource: table.ElectorateSource;
	panelDrawId?: number | null;
	opensAt?: Date | null;
	closesAt?: Date | null;
	subjects: SubjectInput[];
}

/**
 * A draft campaign from its kind's template: the template's questions, scales and tiers are copied
 * onto the campaign, so editing a template later never changes a campaign already created.
 */
export async function createCampaignFromTemplate(
	db: Database,
	input: NewCampaignInput,
	actor: Actor | null
): Promise<number> {
	const template = getTemplate(input.kind);
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(table.campaign)
			.values({
				kind: input.kind,
				title: input.title,
				regionId: input.regionId,
				secret: input.secret ?? template.secret,
				testMode: input.testMode ?? false,
				electorateSource: input.electorateSource,
				panelDrawId: input.electorateSource === 'panel' ? (input.panelDrawId ?? null) : null,
				settings: template.settings,
				opensAt: input.opensAt ?? null,
				closesAt: input.closesAt ?? null,
				createdBy: actor?.id ?? null
			})
			.returning({ id: table.campaign.id });
		const campaignId = created.id;
		const overall: SubjectInput[] = template.overall
			? [{ kind: 'overall', label: '总体评价' }]
			: [];
		await addSubjects(tx, campaignId, [...overall, ...input.subjects]);
		if (template.tiers.length > 0)
			await tx.insert(table.raterTier).values(
				template.tiers.map((tier, position) => ({
					campaignId,
					key: tier.key,
					name: tier.name.zh,
					nameEn: tier.name.en,
					weight: tier.weight,
					position
				}))
			);
		await tx.insert(table.question).values(
			template.questions.map((q, position) => ({
				campaignId,
				key: q.key,
				position,
				kind: q.kind,
				promptZh: q.prompt.zh,
				promptEn: q.prompt.en,
				scale: q.scale,
				required: q.required,
				reasonRequiredFor: q.reasonRequiredFor,
				appliesTo: q.appliesTo,
				dimension: q.dimension
			}))
		);
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.create',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { kind: input.kind, title: input.title, subjects: input.subjects.length }
		});
		return campaignId;
	});
}

export async function addSubjects(
	tx: Executor,
	campaignId: number,
	subjects: SubjectInput[],
	firstPosition = 0
): Promise<void> {
	if (subjects.length === 0) return;
	await tx.insert(table.campaignSubject).values(
		subjects.map((s, i) => ({
			campaignId,
			kind: s.kind,
			label: s.label,
			detail: s.detail ?? null,
			unitId: s.unitId ?? null,
			cadreId: s.cadreId ?? null,
			position: firstPosition + i
		}))
	);
}

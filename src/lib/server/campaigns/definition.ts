import { asc, eq } from 'drizzle-orm';
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';

/** Anything that can run queries: the database or an open transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** What a ballot form and the submission check need: the campaign and its frozen questions. */
export interface BallotDefinition {
	campaign: table.Campaign;
	subjects: BallotSubject[];
	questions: BallotQuestion[];
	tiers: table.RaterTier[];
}

export async function getCampaign(db: Executor, id: number): Promise<table.Campaign | null> {
	const [row] = await db.select().from(table.campaign).where(eq(table.campaign.id, id));
	return row ?? null;
}

export async function getBallotDefinition(
	db: Executor,
	campaignId: number
): Promise<BallotDefinition | null> {
	const campaign = await getCampaign(db, campaignId);
	if (!campaign) return null;
	const [subjects, questions, tiers] = await Promise.all([
		db
			.select()
			.from(table.campaignSubject)
			.where(eq(table.campaignSubject.campaignId, campaignId))
			.orderBy(asc(table.campaignSubject.position), asc(table.campaignSubject.id)),
		db
			.select()
			.from(table.question)
			.where(eq(table.question.campaignId, campaignId))
			.orderBy(asc(table.question.position), asc(table.question.id)),
		db
			.select()
			.from(table.raterTier)
			.where(eq(table.raterTier.campaignId, campaignId))
			.orderBy(asc(table.raterTier.position))
	]);
	return {
		campaign,
		subjects: subjects.map(toBallotSubject),
		questions: questions.map(toBallotQuestion),
		tiers
	};
}

export function toBallotSubject(row: table.CampaignSubject): BallotSubject {
	return { id: row.id, kind: row.kind, label: row.label, detail: row.detail };
}

export function toBallotQuestion(row: table.Question): BallotQuestion {
	return {
		id: row.id,
		key: row.key,
		kind: row.kind,
		prompt: { zh: row.promptZh, en: row.promptEn },
		scale: row.scale,
		required: row.required,
		reasonRequiredFor: row.reasonRequiredFor,
		appliesTo: row.appliesTo,
		dimension: row.dimension
	};
}

/** Whether ballots are accepted now: open, and inside the optional opening window. */
export function isAcceptingBallots(campaign: table.Campaign, now: Date): boolean {
	if (campaign.state !== 'open') return false;
	if (campaign.opensAt && now < campaign.opensAt) return false;
	if (campaign.closesAt && now >= campaign.closesAt) return false;
	return true;
}

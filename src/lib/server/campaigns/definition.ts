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
export function isAcceptingBallots(
	campaign: Pick<table.Campaign, 'state' | 'opensAt' | 'closesAt'>,
	now: Date
): boolean {
	if (campaign.state !== 'open') return false;
	if (campaign.opensAt && now < campaign.opensAt) return false;
	if (campaign.closesAt && now >= campaign.closesAt) return false;
	return true;
}

/** How long an open campaign's definition is reused before it is read again. */
export const definitionCacheMs = 1000;

const cache = new WeakMap<
	Executor,
	Map<number, { at: number; definition: Promise<BallotDefinition | null> }>
>();

/**
 * The definition for a submission, read at most once a second per campaign and process: every
 * ballot needs it, and an open campaign's questions, subjects, tiers and secrecy are frozen
 * (every edit refuses once it opened). Only open campaigns are kept. Its state and window can
 * still change — a close, a go-live — so the ballot transaction re-reads them under the row
 * lock before anything is acknowledged; a stale entry can at worst let a submission be prepared
 * that the transaction then refuses.
 */
export function getOpenBallotDefinition(
	db: Executor,
	campaignId: number,
	now = Date.now()
): Promise<BallotDefinition | null> {
	let entries = cache.get(db);
	if (!entries) cache.set(db, (entries = new Map()));
	const hit = entries.get(campaignId);
	if (hit && now - hit.at < definitionCacheMs) return hit.definition;
	const definition = getBallotDefinition(db, campaignId);
	const entry = { at: now, definition };
	entries.set(campaignId, entry);
	const forget = () => {
		if (entries.get(campaignId) === entry) entries.delete(campaignId);
	};
	definition.then((d) => d?.campaign.state !== 'open' && forget(), forget);
	if (entries.size > 1000)
		for (const [id, e] of entries) if (now - e.at >= definitionCacheMs) entries.delete(id);
	return definition;
}

/** Drops a campaign's cached definition (after a state change in this process). */
export function forgetBallotDefinition(db: Executor, campaignId: number): void {
	cache.get(db)?.delete(campaignId);
}

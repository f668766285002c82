import { and, eq, isNotNull, sql } from 'drizzle-orm';
import {
	canGoLive,
	refuseTransition,
	type TransitionRefusal
} from '$lib/domain/campaign-lifecycle';
import type { CampaignState } from '$lib/domain/campaign-scale';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Actor } from './create';
import type { Executor } from './definition';
import { recordRecusals } from './recusal';
import { resealBallots } from './reseal';

export class TransitionError extends Error {
	constructor(readonly refusal: TransitionRefusal | 'not_found') {
		super(refusal);
		this.name = 'TransitionError';
	}
}

/**
 * Moves a campaign to its next state in one transaction with its audit event. The row lock makes
 * a close wait for ballots being written (they hold a share lock), so nothing is acknowledged
 * after the campaign closed. Opening materializes the electorate of a jury or panel campaign
 * and records each juror's recusals (回避, recusal.ts) on their row, whatever the source;
 * closing reseals the ballots (see reseal.ts).
 */
export async function transitionCampaign(
	db: Database,
	campaignId: number,
	to: CampaignState,
	actor: Actor | null
): Promise<void> {
	// Publishing freezes the results with their hash; only publishResults (results/publish.ts) may
	// take a campaign there, so a bare state change can never publish without a snapshot.
	if (to === 'published') throw new TransitionError('not_allowed');
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId))
			.for('update');
		if (!current) throw new TransitionError('not_found');
		if (to === 'open') await materializeElectorate(tx, current);
		const facts = await openingFacts(tx, current);
		const refusal = refuseTransition(current.state, to, facts);
		if (refusal) throw new TransitionError(refusal);
		if (to === 'open') await recordRecusals(tx, current);
		await tx
			.update(table.campaign)
			.set({ state: to, updatedAt: new Date() })
			.where(eq(table.campaign.id, campaignId));
		if (to === 'closed') await resealBallots(tx, campaignId);
		await recordAuditEvent(tx, {
			actor,
			action: `campaign.${to}`,
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { from: current.state, to, testMode: current.testMode }
		});
	});
}

async function count(query: Promise<{ n: number }[]>): Promise<number> {
	const [row] = await query;
	return row?.n ?? 0;
}

async function openingFacts(tx: Executor, campaign: table.Campaign) {
	const n = sql<number>`count(*)::int`;
	const id = campaign.id;
	const [subjects, questions, voters, codes, tiers] = await Promise.all([
		count(
			tx.select({ n }).from(table.campaignSubject).where(eq(table.campaignSubject.campaignId, id))
		),
		count(tx.select({ n }).from(table.question).where(eq(table.question.campaignId, id))),
		count(tx.select({ n }).from(table.electorate).where(eq(table.electorate.campaignId, id))),
		count(tx.select({ n }).from(table.ballotCode).where(eq(table.ballotCode.campaignId, id))),
		tx
			.select({ weight: table.raterTier.weight })
			.from(table.raterTier)
			.where(eq(table.raterTier.campaignId, id))
	]);
	return {
		subjects,
		questions,
		// A codes-only campaign prints its cards after opening, so it needs no one in advance.
		electorate: campaign.electorateSource === 'codes' ? Math.max(1, codes) : voters,
		tierWeights: tiers.map((t) => t.weight),
		tierWeighting: campaign.settings.tierWeighting !== false
	};
}

/** The whole jury (active members with an account) or a drawn panel becomes electorate rows. */
/** The rater tier of the campaign templates that the citizen jury votes as. */
export const jurorTierKey = 'jurors';

async function materializeElectorate(tx: Executor, campaign: table.Campaign): Promise<void> {
	let userIds: number[] = [];
	if (campaign.electorateSource === 'jury') {
		const rows = await tx
			.select({ userId: table.juror.userId })
			.from(table.juror)
			.where(
				and(
					eq(table.juror.roster, 'jury'),
					eq(table.juror.status, 'active'),
					isNotNull(table.juror.userId)
				)
			);
		userIds = rows.map((r) => r.userId as number);
	} else if (campaign.electorateSource === 'panel' && campaign.panelDrawId !== null) {
		const rows = await tx
			.select({ userId: table.juror.userId })
			.from(table.drawMember)
			.innerJoin(table.juror, eq(table.drawMember.jurorId, table.juror.id))
			.where(and(eq(table.drawMember.drawId, campaign.panelDrawId), isNotNull(table.juror.userId)));
		userIds = rows.map((r) => r.userId as number);
	}
	if (userIds.length === 0) return;
	// Jurors vote as the campaign's juror tier (监督员) when it has one: untiered, their ballots
	// would count in the pooled figure only and leave the weighted score to the other tiers.
	const [jurorTier] = await tx
		.select({ id: table.raterTier.id })
		.from(table.raterTier)
		.where(and(eq(table.raterTier.campaignId, campaign.id), eq(table.raterTier.key, jurorTierKey)));
	await tx
		.insert(table.electorate)
		.values(
			userIds.map((userId) => ({ campaignId: campaign.id, userId, tierId: jurorTier?.id ?? null }))
		)
		.onConflictDoNothing();
}

/**
 * Ends a test run: every practice ballot, participation, receipt, paper entry and card goes, in
 * one transaction with its audit event. Cards are deleted too, so a practice card cannot vote
 * for real; print the real cards after going live.
 */
export async function goLive(db: Database, campaignId: number, actor: Actor | null): Promise<void> {
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId))
			.for('update');
		if (!current) throw new TransitionError('not_found');
		if (!canGoLive(current.state, current.testMode)) throw new TransitionError('not_allowed');
		const cleared = await clearVotes(tx, campaignId);
		await tx
			.update(table.campaign)
			.set({ testMode: false, updatedAt: new Date() })
			.where(eq(table.campaign.id, campaignId));
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.go_live',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { cleared }
		});
	});
}

async function clearVotes(tx: Executor, campaignId: number): Promise<number> {
	// Answers go with their ballots (on delete cascade).
	const ballots = await tx
		.delete(table.ballot)
		.where(eq(table.ballot.campaignId, campaignId))
		.returning({ id: table.ballot.id });
	await tx.delete(table.participation).where(eq(table.participation.campaignId, campaignId));
	await tx.delete(table.submission).where(eq(table.submission.campaignId, campaignId));
	await tx.delete(table.paperEntry).where(eq(table.paperEntry.campaignId, campaignId));
	await tx.delete(table.ballotCode).where(eq(table.ballotCode.campaignId, campaignId));
	return ballots.length;
}

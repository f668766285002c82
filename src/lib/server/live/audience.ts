/**
 * Audience voting for TV viewers, the database side (docs/LIVE.md, "Audience voting"): the host
 * switching it on and off, one-time audience tokens, and how many devices have taken and spent
 * one. A token is an ordinary one-time ballot code (`ballot_code`, only its hash stored) marked
 * `audience`, with no tier; its ballots go through `submitBallots` like a printed card's and are
 * stored on the 'audience' channel.
 */
import { and, eq, isNull, or, gt, sql } from 'drizzle-orm';
import {
	applyAudienceAction,
	audienceSettings,
	withAudienceSettings,
	type AudienceAction,
	type AudienceRefusal,
	type AudienceSettings
} from '$lib/domain/audience';
import { generateBallotCode } from '$lib/domain/campaign-code';
import { recordAuditEvent } from '$lib/server/audit';
import { hashBallotCode } from '$lib/server/campaigns/codes';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';

export interface AudienceCounts {
	/** Tokens handed out (one per device that opened the page). */
	tokens: number;
	/** Tokens spent: devices that have voted. */
	voters: number;
}

export async function getAudienceCounts(db: Executor, campaignId: number): Promise<AudienceCounts> {
	const [row] = rowsOf<{ tokens: unknown; voters: unknown }>(
		await db.execute(sql`
			select count(*)::int as tokens, count(used_at)::int as voters
			from ${table.ballotCode}
			where campaign_id = ${campaignId} and audience`)
	);
	return { tokens: Number(row?.tokens ?? 0), voters: Number(row?.voters ?? 0) };
}

/** A fresh audience token for one device, returned in clear once; only its hash is stored. */
export async function mintAudienceToken(db: Executor, campaignId: number): Promise<string> {
	const token = generateBallotCode();
	await db
		.insert(table.ballotCode)
		.values({ campaignId, codeHash: hashBallotCode(token), tierId: null, audience: true });
	return token;
}

export class AudienceControlError extends Error {
	constructor(readonly refusal: AudienceRefusal | 'not_found') {
		super(refusal);
		this.name = 'AudienceControlError';
	}
}

export interface AudienceChange {
	settings: AudienceSettings;
	/** Unspent tokens that closing audience voting expired. */
	expired: number;
}

/**
 * One host action on audience voting, in one transaction with its audit event
 * (`live.audience_open`, `live.audience_close`, `live.audience_count_with_jury`), or an
 * AudienceControlError and nothing changed. Closing also expires every unspent token, so no
 * path (this page or /vote/<code>) can spend one afterwards; a device that opens the page after
 * voting reopens gets a new token, and one that has voted stays spent.
 */
export async function changeAudience(
	db: Database,
	request: { campaignId: number; action: AudienceAction; actor: Actor | null }
): Promise<AudienceChange> {
	const { campaignId, action } = request;
	return db.transaction(async (tx) => {
		// The same row lock a lifecycle change takes: ballots in flight finish first.
		const [campaign] = await tx
			.select({ state: table.campaign.state, settings: table.campaign.settings })
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId))
			.for('update');
		if (!campaign) throw new AudienceControlError('not_found');
		const from = audienceSettings(campaign.settings);
		const result = applyAudienceAction(from, action, campaign.state);
		if (!result.ok) throw new AudienceControlError(result.refusal);
		await tx
			.update(table.campaign)
			.set({
				settings: withAudienceSettings(campaign.settings, result.settings),
				updatedAt: new Date()
			})
			.where(eq(table.campaign.id, campaignId));
		const expired = action.kind === 'close' ? await expireUnspentTokens(tx, campaignId) : 0;
		await recordAuditEvent(tx, {
			actor: request.actor,
			action: `live.audience_${action.kind}`,
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { ...action, from, to: result.settings, expired }
		});
		return { settings: result.settings, expired };
	});
}

async function expireUnspentTokens(tx: Executor, campaignId: number): Promise<number> {
	const now = new Date();
	const rows = await tx
		.update(table.ballotCode)
		.set({ expiresAt: now })
		.where(
			and(
				eq(table.ballotCode.campaignId, campaignId),
				eq(table.ballotCode.audience, true),
				isNull(table.ballotCode.usedAt),
				or(isNull(table.ballotCode.expiresAt), gt(table.ballotCode.expiresAt, now))
			)
		)
		.returning({ id: table.ballotCode.id });
	return rows.length;
}

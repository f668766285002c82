/**
 * Publication freezes a closed campaign's results: the canonical snapshot, its SHA-256, the ballot
 * count and the rules applied are stored, the proposed outcomes become reviewable rows, the hash
 * enters the audit chain and the campaign becomes 'published' — all in one transaction.
 */
import { eq } from 'drizzle-orm';
import { rationalReplacer } from '$lib/domain/scoring';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import { countUnresolvedSheets, type UnresolvedSheets } from '$lib/server/campaigns/paper';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { computeResults } from './compute';
import { recordPublishedIndicators } from './indicators';
import { canonicalSnapshot, sha256Hex } from './snapshot';

export type PublishRefusal = 'not_found' | 'not_closed' | 'test_mode' | 'paper_unresolved';

export class PublishError extends Error {
	constructor(
		readonly refusal: PublishRefusal,
		/** With `paper_unresolved`: how many sheets wait for a second keying or are flagged. */
		readonly sheets?: UnresolvedSheets
	) {
		super(refusal);
		this.name = 'PublishError';
	}
}

export interface Publication {
	resultId: number;
	sha256: string;
	ballots: number;
}

export async function publishResults(
	db: Database,
	campaignId: number,
	actor: Actor | null
): Promise<Publication> {
	return db.transaction(async (tx) => {
		// The row lock orders publication after any transition of the same campaign.
		const [campaign] = await tx
			.select()
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId))
			.for('update');
		if (!campaign) throw new PublishError('not_found');
		if (campaign.state !== 'closed') throw new PublishError('not_closed');
		if (campaign.testMode) throw new PublishError('test_mode');
		// A sheet keyed once or flagged is not counted yet, and keying ends with publication: it
		// would be lost. Staff resolve it (a second keying) or void it first. Paper keying holds
		// this row in share mode, so no sheet appears between this count and the commit.
		const sheets = await countUnresolvedSheets(tx, campaignId);
		if (sheets.awaiting + sheets.mismatch > 0) throw new PublishError('paper_unresolved', sheets);
		const computed = await computeResults(tx, campaignId);
		if (!computed) throw new PublishError('not_found');
		const text = canonicalSnapshot(computed.snapshot);
		const sha256 = sha256Hex(text);
		const ballots = computed.snapshot.ballots;
		const [stored] = await tx
			.insert(table.result)
			.values({
				campaignId,
				snapshot: text,
				sha256,
				ballotCount: ballots,
				rulesApplied: computed.rulesApplied,
				publishedBy: actor?.id ?? null
			})
			.returning({ id: table.result.id });
		if (computed.snapshot.outcomes.length > 0)
			await tx.insert(table.outcome).values(
				computed.snapshot.outcomes.map((o) => ({
					campaignId,
					subjectId: Number(o.subject),
					ruleId: o.ruleId,
					consequences: [...o.consequences],
					rectificationDays: o.rectificationDays,
					numbers: JSON.parse(JSON.stringify(o.trigger, rationalReplacer))
				}))
			);
		// The trend dashboards' rollup is updated in the same transaction: a figure appears there
		// exactly when its publication commits.
		const indicatorValues = await recordPublishedIndicators(tx, campaign, computed.snapshot);
		await tx
			.update(table.campaign)
			.set({ state: 'published', updatedAt: new Date() })
			.where(eq(table.campaign.id, campaignId));
		await recordAuditEvent(tx, {
			actor,
			action: 'results.publish',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: {
				resultId: stored.id,
				sha256,
				ballots,
				rulesApplied: computed.rulesApplied,
				outcomes: computed.snapshot.outcomes.length,
				indicatorValues
			}
		});
		// The same event the lifecycle writes for every other transition, so histories stay uniform.
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.published',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { from: 'closed', to: 'published', testMode: false }
		});
		return { resultId: stored.id, sha256, ballots };
	});
}

import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import { createBallotCodes } from './codes';
import type { Actor } from './create';

/** Prints a batch of on-site codes, recording how many and for which tier (never the codes). */
export async function printBallotCards(
	db: Database,
	campaignId: number,
	n: number,
	tierId: number | null,
	actor: Actor | null
): Promise<string[]> {
	return db.transaction(async (tx) => {
		const codes = await createBallotCodes(tx, campaignId, n, tierId);
		await recordAuditEvent(tx, {
			actor,
			action: 'campaign.cards_print',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { count: n, tierId }
		});
		return codes;
	});
}

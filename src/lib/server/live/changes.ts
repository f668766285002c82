/**
 * The one function ballot writers import: dependency-free, so the submission core pulls in
 * neither the hub nor the app's database handle. Until the hub exists (start-up or the first live
 * page) there is nobody to tell, and a notification does nothing.
 */
import type { CheckedBallot } from '$lib/domain/campaign-ballot';

/** One rater's ballots as the group commit stored them (submit-rows.ts writes the same rows). */
export interface CommittedSubmission {
	tierId: number | null;
	channel: 'online' | 'qr' | 'audience' | 'paper';
	ballots: CheckedBallot[];
}

/**
 * What one transaction committed for a campaign, so the hub can advance its running tally
 * without a recount: the transaction's id (`pg_current_xact_id()::text`) and every submission.
 * Each submission is a rater voting for the first time (one participation row per ballot).
 */
export interface CommittedBallots {
	xid: string;
	submissions: CommittedSubmission[];
}

type Sink = (campaignId: number, committed?: CommittedBallots) => void;

let sink: Sink | null = null;

/**
 * Call after a commit that changes a campaign's ballots or state. With `committed` (the ballots
 * that commit added, and nothing else changed) the hub adds them to its running tally; without
 * it the hub recounts from the database. Never throws, never waits.
 */
export function notifyCampaignChanged(campaignId: number, committed?: CommittedBallots): void {
	try {
		sink?.(campaignId, committed);
	} catch (error) {
		console.error(`minping: live notification for campaign ${campaignId} failed`, error);
	}
}

/** Set once by the hub's creator (index.ts). */
export function setChangeSink(next: Sink | null): void {
	sink = next;
}

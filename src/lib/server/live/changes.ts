/**
 * The one function ballot writers import: dependency-free, so the submission core pulls in
 * neither the hub nor the app's database handle. Until the hub exists (start-up or the first live
 * page) there is nobody to tell, and a notification does nothing.
 */
type Sink = (campaignId: number) => void;

let sink: Sink | null = null;

/** Call after a commit that changes a campaign's ballots or state. Never throws, never waits. */
export function notifyCampaignChanged(campaignId: number): void {
	sink?.(campaignId);
}

/** Set once by the hub's creator (index.ts). */
export function setChangeSink(next: Sink | null): void {
	sink = next;
}

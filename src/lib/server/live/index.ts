/**
 * The live broadcast's entry points for the rest of the app. `notifyCampaignChanged` is what a
 * ballot commit calls (after the transaction, never inside it), with the ballots it committed
 * and its transaction id when it has them: the hub adds them to its running tally (or recounts
 * when they are missing) and, on PostgreSQL, the other instances are told to recount.
 *
 * The hub is made on first use by a live page, or at start-up by `startLive()`. Until then a
 * notification does nothing at all (changes.ts), so scripts and tests that write ballots never
 * open the app's database through it; an instance that serves screens still sees their ballots
 * within two seconds through its own check (hub.ts).
 */
import { env } from '$env/dynamic/private';
import { getDatabase } from '$lib/server/db';
import { setChangeSink } from './changes';
import { LiveHub } from './hub';
import { createPostgresBus, type ChangeBus } from './notify';
import { localCommit } from './running-tally';

let hub: LiveHub | undefined;
let bus: ChangeBus | null = null;

export function getLiveHub(): LiveHub {
	if (hub) return hub;
	const handle = getDatabase();
	const created = new LiveHub({ db: handle.db });
	if (handle.kind === 'postgres' && env.DATABASE_URL)
		bus = createPostgresBus(
			env.DATABASE_URL,
			(id, commit) => (commit ? created.committed(id, commit) : created.changed(id)),
			{ onResync: () => created.changedAll() }
		);
	hub = created;
	setChangeSink((id, committed) => {
		// With its ballots, a commit advances the running tallies here and on the other
		// instances (its figures travel in the NOTIFY); without them, everyone recounts.
		const commit = committed ? localCommit(committed) : null;
		if (commit) {
			created.committed(id, commit);
			bus?.announceCommit(id, commit);
		} else {
			created.changed(id, { source: true });
			bus?.announce(id);
		}
	});
	return created;
}

/** For the server's start-up: LISTEN from the first moment, and NOTIFY from the first ballot. */
export function startLive(): void {
	getLiveHub();
}

/** For the server's shutdown: no more pushes, and the LISTEN/NOTIFY connection closed. */
export async function stopLive(): Promise<void> {
	setChangeSink(null);
	hub?.close();
	hub = undefined;
	const closing = bus;
	bus = null;
	await closing?.close();
}

/** After a host action: controls and counts are both re-read, here and on other instances. */
export function notifyControlChanged(campaignId: number): void {
	getLiveHub().changed(campaignId, { source: true, control: true });
	bus?.announce(campaignId);
}

export { notifyCampaignChanged } from './changes';

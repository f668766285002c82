/**
 * One campaign's state inside the hub, and the cheap query that tells the hub something changed
 * in the database without anyone announcing it.
 */
import { sql } from 'drizzle-orm';
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import { idleThrottle, type Sequenced, type ThrottleState } from '$lib/domain/live-throttle';
import type { Executor } from '$lib/server/campaigns/definition';
import { rowsOf } from '$lib/server/db/rows';
import type { Listener } from './hub';
import type { SyntheticTally } from './rehearsal';
import type { StoredControl } from './state';
import type { LiveSource } from './tally';

export interface Channel {
	id: number;
	listeners: Set<Listener>;
	source: LiveSource | null;
	stored: StoredControl | null;
	rehearsal: SyntheticTally | null;
	snapshot: LiveSnapshot | null;
	sequenced: Sequenced | null;
	throttle: ThrottleState;
	running: boolean;
	rerun: boolean;
	dirtySource: boolean;
	dirtyControl: boolean;
	fingerprint: string | null;
	idleSince: number | null;
	ready: Promise<void> | null;
}

export function newChannel(id: number, now: number): Channel {
	return {
		id,
		listeners: new Set(),
		source: null,
		stored: null,
		rehearsal: null,
		snapshot: null,
		sequenced: null,
		throttle: idleThrottle,
		running: false,
		rerun: false,
		dirtySource: true,
		dirtyControl: true,
		fingerprint: null,
		idleSince: now,
		ready: null
	};
}

/** Ballot and voter counts, state and control time: any change of these means a rebuild. */
export async function readChangeMarker(db: Executor, campaignId: number): Promise<string> {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select c.state, c.updated_at,
				(select count(*) from ballot b where b.campaign_id = c.id) as ballots,
				(select count(*) from participation p where p.campaign_id = c.id) as voters,
				(select l.updated_at from live_state l where l.campaign_id = c.id) as control
			from campaign c where c.id = ${campaignId}`)
	);
	return JSON.stringify(row ?? null);
}

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
import type { LocalCommit } from './running-tally';
import type { SyntheticTally } from './rehearsal';
import type { StoredControl } from './state';
import type { LiveSource } from './tally';

export interface Channel {
	id: number;
	listeners: Set<Listener>;
	/** The last recount plus the local commits its snapshot does not show (running-tally.ts). */
	source: LiveSource | null;
	/** Local commits a later recount might not show yet (kept until below a snapshot's xmin). */
	commits: LocalCommit[];
	/** When the last recount read the database (hub clock); the periodic resync counts from it. */
	recountedAt: number;
	/** Rows the database showed that the running tally did not hold yet (checked next poll). */
	owed: { ballots: number; participation: number } | null;
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
		commits: [],
		recountedAt: now,
		owed: null,
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

export interface ChangeMarker {
	/** State, last update and control time: any change of these means a rebuild. */
	print: string;
	/** Ballot and participation rows: compared with what the running tally expects. */
	ballots: number;
	participation: number;
}

/** The safety net's cheap look at a campaign (hub.ts, `poll`). */
export async function readChangeMarker(db: Executor, campaignId: number): Promise<ChangeMarker> {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select c.state, c.updated_at,
				(select count(*) from ballot b where b.campaign_id = c.id) as ballots,
				(select count(*) from participation p where p.campaign_id = c.id) as voters,
				(select l.updated_at from live_state l where l.campaign_id = c.id) as control
			from campaign c where c.id = ${campaignId}`)
	);
	if (!row) return { print: 'null', ballots: 0, participation: 0 };
	const print = JSON.stringify([row.state, row.updated_at, row.control]);
	return { print, ballots: Number(row.ballots), participation: Number(row.voters) };
}

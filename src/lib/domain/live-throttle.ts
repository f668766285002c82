/**
 * Push pacing and sequence numbers for the live feed, as pure functions over plain state so the
 * timing rules are tested without timers. The hub (src/lib/server/live/hub.ts) owns the timers.
 */

/** At most four pushes a second per campaign: a burst of ballots costs one push. */
export const minPushIntervalMs = 250;

export interface ThrottleState {
	/** When the last push went out (ms), or null before the first. */
	lastPushAt: number | null;
	/** A push is already scheduled; further changes ride on it. */
	scheduled: boolean;
}

export const idleThrottle: ThrottleState = { lastPushAt: null, scheduled: false };

/**
 * A change arrived at `now`. Returns the new state and how long to wait before pushing, or null
 * when a push is already on its way (the change will be part of it).
 */
export function onChange(
	state: ThrottleState,
	now: number,
	interval = minPushIntervalMs
): { state: ThrottleState; delay: number | null } {
	if (state.scheduled) return { state, delay: null };
	const delay = state.lastPushAt === null ? 0 : Math.max(0, state.lastPushAt + interval - now);
	return { state: { ...state, scheduled: true }, delay };
}

/** The scheduled push ran (whether or not the content had changed). */
export function onPushed(now: number): ThrottleState {
	return { lastPushAt: now, scheduled: false };
}

export interface Sequenced {
	sequence: number;
	key: string;
}

/**
 * The sequence for content `key`. Unchanged content keeps its number (no push). The first number
 * of a process is the clock in milliseconds: a restarted server or another instance starts above
 * any number it handed out before, since it pushes at most a few times per second.
 */
export function nextSequence(previous: Sequenced | null, key: string, now: number): Sequenced {
	if (previous === null) return { sequence: Math.floor(now), key };
	if (previous.key === key) return previous;
	return { sequence: previous.sequence + 1, key };
}

/**
 * Whether a client that last saw `lastEventId` needs the current snapshot on (re)connect: always,
 * unless it already holds exactly this sequence.
 */
export function needsSnapshot(lastEventId: string | null, sequence: number): boolean {
	if (lastEventId === null || lastEventId.trim() === '') return true;
	return Number(lastEventId) !== sequence;
}

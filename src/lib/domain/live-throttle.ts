/**
 * Push pacing and sequence numbers for the live feed, as pure functions over plain state so the
 * timing rules are tested without timers. The hub (src/lib/server/live/hub.ts) owns the timers.
 *
 * Pacing: ten pushes a second per campaign on average, however many ballots arrive, with room for
 * one push out of turn. Each push books one spacing (100 ms, or twice its rebuild's duration when
 * rebuilds get slow, so the database never spends more than half its time on one campaign's
 * screen) after the later of its start and the previous booking; a push may start up to one
 * allowance (an interval less twice the rebuild, so nothing once a rebuild takes half an interval)
 * before the end of the bookings so far. So a change after a quiet spell is pushed at once, and so
 * is a second change soon after it (another instance's commit arriving by NOTIFY just after this
 * instance pushed its own, docs/LIVE.md "Transport"); during a burst changes ride on one push per
 * spacing. Any k + 1 consecutive pushes span at least k spacings less one allowance; a change waits
 * at most one spacing plus one rebuild for its push.
 */

/** Ten pushes a second per campaign: a burst of ballots costs one push per interval. */
export const minPushIntervalMs = 100;

export interface ThrottleState {
	/** When the last push started (ms), or null before the first. */
	lastPushAt: number | null;
	/** How long the last push's rebuild took (ms). */
	lastCostMs: number;
	/** Where the spacings booked by the pushes so far end (ms); -Infinity before the first. */
	bookedUntil: number;
	/** A push is already scheduled; further changes ride on it. */
	scheduled: boolean;
}

export const idleThrottle: ThrottleState = {
	lastPushAt: null,
	lastCostMs: 0,
	bookedUntil: -Infinity,
	scheduled: false
};

/** The spacing one push books: the interval, or twice a slow rebuild. */
export function spacing(state: ThrottleState, interval = minPushIntervalMs): number {
	return Math.max(interval, 2 * state.lastCostMs);
}

/**
 * How long before the end of its bookings a push may start: one interval less twice the last
 * rebuild (so two pushes never start closer than twice a rebuild), never negative.
 */
export function allowance(state: ThrottleState, interval = minPushIntervalMs): number {
	return Math.max(0, interval - 2 * state.lastCostMs);
}

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
	const delay = Math.max(0, state.bookedUntil - allowance(state, interval) - now);
	return { state: { ...state, scheduled: true }, delay };
}

/**
 * The scheduled push started at `startedAt` and finished at `finishedAt` (changed or not): it
 * books one spacing after the later of its start and the previous bookings.
 */
export function onPushed(
	state: ThrottleState,
	startedAt: number,
	finishedAt = startedAt,
	interval = minPushIntervalMs
): ThrottleState {
	const next = {
		lastPushAt: startedAt,
		lastCostMs: Math.max(0, finishedAt - startedAt),
		scheduled: false
	};
	const from = Math.max(state.bookedUntil, startedAt);
	return { ...next, bookedUntil: from + spacing({ ...next, bookedUntil: 0 }, interval) };
}

export interface Sequenced {
	sequence: number;
	key: string;
}

/**
 * Sequence numbers step by a thousand: the last three digits are the instance's tag (0–999, drawn
 * at random when the process starts), so two instances that happen to reach the same count at
 * the same moment still hand out different numbers, and a viewer that moves to another instance
 * is never told it already holds a picture it has not seen.
 */
export const sequenceStep = 1000;

/**
 * The sequence for content `key`. Unchanged content keeps its number (no push). The first number
 * of a process is the clock in milliseconds times `sequenceStep`, plus the instance's tag: a
 * restarted server or another instance starts above any number it handed out before, since it
 * pushes at most ten times per second (fewer than one per millisecond).
 */
export function nextSequence(
	previous: Sequenced | null,
	key: string,
	now: number,
	tag = 0
): Sequenced {
	if (previous === null)
		return { sequence: Math.floor(now) * sequenceStep + (tag % sequenceStep), key };
	if (previous.key === key) return previous;
	return { sequence: previous.sequence + sequenceStep, key };
}

/**
 * Whether a client that last saw `lastEventId` needs the current snapshot on (re)connect: always,
 * unless it already holds exactly this sequence.
 */
export function needsSnapshot(lastEventId: string | null, sequence: number): boolean {
	if (lastEventId === null || lastEventId.trim() === '') return true;
	return Number(lastEventId) !== sequence;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allowance,
	idleThrottle,
	minPushIntervalMs,
	needsSnapshot,
	nextSequence,
	onChange,
	onPushed,
	sequenceStep,
	spacing,
	type ThrottleState
} from './live-throttle';

/**
 * Replays change times through the throttle the way the hub does and returns the push start
 * times. Each rebuild takes `cost` ms and the throttle stays "scheduled" until it finishes; a
 * change during a rebuild may have been read too early, so it asks for one more push (the hub's
 * rerun), scheduled when the rebuild finishes.
 */
function simulate(changes: number[], interval = minPushIntervalMs, cost = 0): number[] {
	let state: ThrottleState = idleThrottle;
	const pushes: number[] = [];
	let due: number | null = null;
	let running: number | null = null;
	let rerun = false;
	const change = (at: number) => {
		if (state.scheduled) {
			if (running !== null) rerun = true;
			return;
		}
		const step = onChange(state, at, interval);
		state = step.state;
		if (step.delay !== null) due = at + step.delay;
	};
	const settle = (until: number) => {
		for (;;) {
			if (running !== null && running + cost <= until) {
				const started = running;
				running = null;
				state = onPushed(state, started, started + cost, interval);
				if (rerun) {
					rerun = false;
					change(started + cost);
				}
			} else if (running === null && due !== null && due <= until) {
				pushes.push(due);
				running = due;
				due = null;
			} else return;
		}
	};
	for (const at of [...changes].sort((a, b) => a - b)) {
		settle(at);
		change(at);
	}
	settle(Infinity);
	return pushes;
}

/** For each change, how long until the next push starts at or after it. */
function waits(changes: number[], pushes: number[]): number[] {
	return changes.map((at) => Math.min(...pushes.filter((p) => p >= at)) - at);
}

describe('live push throttle', () => {
	it('pushes the first change at once', () => {
		expect(onChange(idleThrottle, 1000).delay).toBe(0);
	});

	it('lets a burst of a thousand ballots within 100 ms cost three pushes', () => {
		const burst = Array.from({ length: 1000 }, (_, i) => 5000 + i / 10);
		// One push out of turn right after the first, then the interval.
		expect(simulate(burst)).toEqual([5000, 5000.1, 5100]);
		// A rebuild of 2 ms: the second push waits until twice that after the first.
		expect(simulate(burst, minPushIntervalMs, 2)).toEqual([5000, 5004, 5104]);
	});

	it('paces a one-second burst at ten pushes, each change waiting at most one interval', () => {
		const burst = Array.from({ length: 1000 }, (_, i) => 5000 + i);
		const pushes = simulate(burst, minPushIntervalMs, 20);
		expect(pushes.length).toBeLessThanOrEqual(12);
		expect(Math.max(...waits(burst, pushes))).toBeLessThanOrEqual(minPushIntervalMs + 20);
		// After the first two, one push per interval.
		for (let i = 2; i < pushes.length; i++)
			expect(pushes[i] - pushes[i - 1]).toBeGreaterThanOrEqual(minPushIntervalMs);
	});

	it('pushes a second change soon after the first at once (another instance’s commit), not a third', () => {
		// This instance's commit at 1000, another's by NOTIFY 30 ms later, a third change at 1060.
		expect(simulate([1000, 1030, 1060], minPushIntervalMs, 5)).toEqual([1000, 1030, 1110]);
		// After a quiet interval the room for a push out of turn is back.
		expect(simulate([1000, 1030, 1300, 1310], minPushIntervalMs, 5)).toEqual([
			1000, 1030, 1300, 1310
		]);
	});

	it('spaces pushes by twice a slow rebuild, so one screen never holds the database', () => {
		const slow = onPushed(idleThrottle, 1000, 1400);
		expect(spacing(onPushed(idleThrottle, 1000, 1030))).toBe(minPushIntervalMs);
		expect(spacing(slow)).toBe(800);
		expect(allowance(slow)).toBe(0);
		expect(onChange(slow, 1500).delay).toBe(300);
		// A rebuild of 30 ms leaves 40 ms of room: the next push starts 60 ms after this one.
		expect(onChange(onPushed(idleThrottle, 1000, 1030), 1040).delay).toBe(20);
	});

	it('rides on a push already scheduled', () => {
		const first = onChange(idleThrottle, 0);
		expect(onChange(first.state, 10).delay).toBeNull();
	});

	it('waits out the rest of the bookings once the room is used', () => {
		const twice = onPushed(onPushed(idleThrottle, 1000, 1010), 1020, 1030);
		expect(twice.bookedUntil).toBe(1200);
		expect(onChange(twice, 1040).delay).toBe(80);
		expect(onChange(twice, 1400).delay).toBe(0);
	});

	it('averages at most one push per spacing, never starts two closer than twice a rebuild, never leaves a change unpushed, and keeps every wait within one spacing', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }),
				fc.integer({ min: 0, max: 200 }),
				(times, cost) => {
					const pushes = simulate(times, minPushIntervalMs, cost);
					const gap = Math.max(minPushIntervalMs, 2 * cost);
					const room = Math.max(0, minPushIntervalMs - 2 * cost);
					// Any k + 1 consecutive pushes span at least k spacings less the room.
					for (let i = 0; i < pushes.length; i++)
						for (let k = 1; i + k < pushes.length; k++)
							expect(pushes[i + k] - pushes[i]).toBeGreaterThanOrEqual(k * gap - room);
					// So at most eleven in any second (ten a second on average).
					for (let i = 0; i < pushes.length; i++)
						expect(
							pushes.filter((p) => p >= pushes[i] && p < pushes[i] + 1000).length
						).toBeLessThanOrEqual(11);
					// Every change is read by a rebuild that starts after it.
					expect(pushes[pushes.length - 1]).toBeGreaterThanOrEqual(Math.max(...times));
					for (const wait of waits(times, pushes)) expect(wait).toBeLessThanOrEqual(gap + cost);
				}
			)
		);
	});
});

describe('live sequence numbers', () => {
	it('start at the clock in milliseconds, times the step, plus the instance tag', () => {
		expect(nextSequence(null, 'a', 1_700_000_000_123.4, 7)).toEqual({
			sequence: 1_700_000_000_123_007,
			key: 'a'
		});
		expect(Number.isSafeInteger(nextSequence(null, 'a', Date.UTC(2200, 0), 999).sequence)).toBe(
			true
		);
	});

	it('keep their number while the content is the same and step up when it changes', () => {
		const first = nextSequence(null, 'a', 10, 3);
		expect(nextSequence(first, 'a', 20)).toBe(first);
		expect(nextSequence(first, 'b', 20).sequence).toBe(10_003 + sequenceStep);
	});

	it('after a restart start above every number handed out before at ten pushes a second', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
				fc.integer({ min: 0, max: 10 * 24 * 3600 }),
				fc.integer({ min: 0, max: 999 }),
				fc.integer({ min: 0, max: 999 }),
				(start, seconds, tag, nextTag) => {
					const last = nextSequence(null, 'x', start, tag).sequence + sequenceStep * 10 * seconds;
					const restarted = nextSequence(null, 'y', start + seconds * 1000 + 1, nextTag).sequence;
					expect(restarted).toBeGreaterThan(last);
				}
			)
		);
	});

	it('never coincide between two instances with different tags', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
				fc.integer({ min: 0, max: 5000 }),
				fc.nat(10_000),
				fc.nat(10_000),
				fc.integer({ min: 0, max: 998 }),
				(start, offset, changesA, changesB, tag) => {
					const a = nextSequence(null, 'a', start, tag).sequence + changesA * sequenceStep;
					const b =
						nextSequence(null, 'b', start + offset, tag + 1).sequence + changesB * sequenceStep;
					expect(a).not.toBe(b);
				}
			)
		);
	});

	it('send the snapshot on reconnect unless the client already holds that sequence', () => {
		expect(needsSnapshot(null, 5)).toBe(true);
		expect(needsSnapshot('', 5)).toBe(true);
		expect(needsSnapshot('4', 5)).toBe(true);
		expect(needsSnapshot('9', 5)).toBe(true);
		expect(needsSnapshot('5', 5)).toBe(false);
	});
});

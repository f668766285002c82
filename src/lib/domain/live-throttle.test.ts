import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	idleThrottle,
	minPushIntervalMs,
	needsSnapshot,
	nextSequence,
	onChange,
	onPushed,
	type ThrottleState
} from './live-throttle';

/** Replays change times through the throttle the way the hub does and returns the push times. */
function simulate(changes: number[], interval = minPushIntervalMs): number[] {
	let state: ThrottleState = idleThrottle;
	const pushes: number[] = [];
	let due: number | null = null;
	const events = [...changes].sort((a, b) => a - b);
	for (const at of events) {
		if (due !== null && due <= at) {
			pushes.push(due);
			state = onPushed(due);
			due = null;
		}
		const step = onChange(state, at, interval);
		state = step.state;
		if (step.delay !== null) due = at + step.delay;
	}
	if (due !== null) pushes.push(due);
	return pushes;
}

describe('live push throttle', () => {
	it('pushes the first change at once', () => {
		expect(onChange(idleThrottle, 1000).delay).toBe(0);
	});

	it('lets a burst of a thousand ballots within 100 ms cost one push, then one more', () => {
		const burst = Array.from({ length: 1000 }, (_, i) => 5000 + i / 10);
		expect(simulate(burst)).toEqual([5000, 5250]);
	});

	it('rides on a push already scheduled', () => {
		const first = onChange(idleThrottle, 0);
		expect(onChange(first.state, 10).delay).toBeNull();
	});

	it('waits out the rest of the interval after a push', () => {
		expect(onChange(onPushed(1000), 1100).delay).toBe(150);
		expect(onChange(onPushed(1000), 1400).delay).toBe(0);
	});

	it('never pushes more than four times a second, and never leaves a change unpushed', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (times) => {
				const pushes = simulate(times);
				for (let i = 1; i < pushes.length; i++)
					expect(pushes[i] - pushes[i - 1]).toBeGreaterThanOrEqual(minPushIntervalMs);
				expect(pushes[pushes.length - 1]).toBeGreaterThanOrEqual(Math.max(...times));
			})
		);
	});
});

describe('live sequence numbers', () => {
	it('start at the clock in milliseconds', () => {
		expect(nextSequence(null, 'a', 1_700_000_000_123.4)).toEqual({
			sequence: 1_700_000_000_123,
			key: 'a'
		});
	});

	it('keep their number while the content is the same and count up when it changes', () => {
		const first = nextSequence(null, 'a', 10);
		expect(nextSequence(first, 'a', 20)).toBe(first);
		expect(nextSequence(first, 'b', 20).sequence).toBe(11);
	});

	it('after a restart start above every number handed out before at four pushes a second', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
				fc.integer({ min: 0, max: 10 * 24 * 3600 }),
				(start, seconds) => {
					const last = nextSequence(null, 'x', start).sequence + 4 * seconds;
					const restarted = nextSequence(null, 'y', start + seconds * 1000 + 1).sequence;
					expect(restarted).toBeGreaterThan(last);
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

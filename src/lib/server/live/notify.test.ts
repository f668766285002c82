import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnnouncePacer, parseMessage, parsePayload } from './notify';

afterEach(() => {
	vi.useRealTimers();
});

describe('live notification payload', () => {
	it('reads a campaign id and nothing else', () => {
		expect(parsePayload('42')).toBe(42);
		expect(parsePayload('0')).toBeNull();
		expect(parsePayload('-3')).toBeNull();
		expect(parsePayload('4.5')).toBeNull();
		expect(parsePayload('42; drop table ballot')).toBeNull();
		expect(parsePayload('')).toBeNull();
	});

	it('reads the sending instance, so an instance can skip its own messages', () => {
		expect(parseMessage('42:0a1b2c3d4e5f6071')).toEqual({
			campaignId: 42,
			origin: '0a1b2c3d4e5f6071'
		});
		expect(parseMessage('42')).toEqual({ campaignId: 42, origin: null });
		expect(parseMessage('42:')).toBeNull();
		expect(parseMessage('42:NOT-HEX')).toBeNull();
	});
});

describe('NOTIFY pacing', () => {
	it('announces the first change at once and a burst once more per interval, after its last change', () => {
		vi.useFakeTimers();
		const sent: [number, number][] = [];
		const pacer = new AnnouncePacer((id) => sent.push([id, Date.now()]), 50);
		const start = Date.now();
		pacer.announce(7);
		expect(sent).toEqual([[7, start]]);
		// A thousand ballots over 120 ms.
		for (let i = 0; i < 1000; i++) {
			vi.advanceTimersByTime(0.12);
			pacer.announce(7);
		}
		vi.advanceTimersByTime(100);
		const times = sent.map(([, at]) => at - start);
		expect(times.length).toBeLessThanOrEqual(4);
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(50);
		// The last announcement comes after the last change.
		expect(times[times.length - 1]).toBeGreaterThanOrEqual(120);
		pacer.close();
	});

	it('paces each campaign on its own', () => {
		vi.useFakeTimers();
		const sent: number[] = [];
		const pacer = new AnnouncePacer((id) => sent.push(id), 50);
		pacer.announce(1);
		pacer.announce(2);
		pacer.announce(1);
		expect(sent).toEqual([1, 2]);
		vi.advanceTimersByTime(50);
		expect(sent).toEqual([1, 2, 1]);
		pacer.close();
	});
});

import { describe, expect, it } from 'vitest';
import { liveFormat, type LiveSnapshot } from '$lib/domain/live-snapshot';
import type { Listener } from './hub';
import { openEventStream } from './stream';

const snapshot = (sequence: number, state: LiveSnapshot['state'] = 'open'): LiveSnapshot => ({
	format: liveFormat,
	campaignId: 1,
	title: '测试',
	kind: 'unit_evaluation',
	state,
	sequence,
	generatedAt: '2026-11-21T00:00:00.000Z',
	rehearsal: false,
	frozen: false,
	policy: 'running',
	order: 'bottom_up',
	basis: 'score',
	ballots: 0,
	voters: 0,
	turnout: [],
	ranking: [],
	places: 0,
	revealed: 0
});

function fakeHub() {
	const listeners = new Set<Listener>();
	return {
		listeners,
		subscribe(_id: number, listener: Listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		push(s: LiveSnapshot) {
			for (const l of listeners) l(s);
		}
	};
}

async function read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
	const { value } = await reader.read();
	return new TextDecoder().decode(value);
}

describe('live event stream', () => {
	it('starts with the retry delay and the snapshot, then sends each push with its sequence as id', async () => {
		const hub = fakeHub();
		const abort = new AbortController();
		const stream = openEventStream({
			hub,
			campaignId: 1,
			initial: snapshot(7),
			signal: abort.signal
		});
		const reader = stream.getReader();
		const first = await read(reader);
		expect(first).toMatch(/^retry: 2000\n\nid: 7\nevent: snapshot\ndata: \{/);
		hub.push(snapshot(8));
		expect(await read(reader)).toMatch(/^id: 8\n/);
		abort.abort();
		expect(hub.listeners.size).toBe(0);
	});

	it('keeps only the newest snapshot for a viewer that is not reading', async () => {
		const hub = fakeHub();
		const abort = new AbortController();
		const reader = openEventStream({
			hub,
			campaignId: 1,
			initial: null,
			signal: abort.signal
		}).getReader();
		expect(await read(reader)).toBe('retry: 2000\n\n');
		for (let i = 10; i < 1000; i++) hub.push(snapshot(i));
		const next = await read(reader);
		expect(next.match(/^id: /gm)).toHaveLength(1);
		expect(next).toMatch(/^id: 999\n/);
		await reader.cancel();
		expect(hub.listeners.size).toBe(0);
	});

	it('sends heartbeat comments while nothing changes and never an archived campaign', async () => {
		const hub = fakeHub();
		const abort = new AbortController();
		const reader = openEventStream({
			hub,
			campaignId: 1,
			initial: null,
			signal: abort.signal,
			heartbeat: 20
		}).getReader();
		await read(reader);
		hub.push(snapshot(3, 'archived'));
		expect(await read(reader)).toBe(': heartbeat\n\n');
		abort.abort();
	});
});

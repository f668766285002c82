import { createServer, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { setResponse } from '@sveltejs/kit/node';
import { describe, expect, it } from 'vitest';
import { liveFormat, type LiveSnapshot } from '$lib/domain/live-snapshot';
import type { Listener } from './hub';
import { encodeEvent, eventStreamHeaders, openEventStream, writeEventStream } from './stream';

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

	it('serializes a snapshot once and hands every viewer the same bytes', async () => {
		const hub = fakeHub();
		const abort = new AbortController();
		const readers = Array.from({ length: 3 }, () =>
			openEventStream({ hub, campaignId: 1, initial: null, signal: abort.signal }).getReader()
		);
		for (const reader of readers) await reader.read();
		const pushed = snapshot(42);
		hub.push(pushed);
		const chunks = await Promise.all(readers.map(async (r) => (await r.read()).value));
		for (const chunk of chunks) expect(chunk).toBe(encodeEvent(pushed));
		expect(new TextDecoder().decode(chunks[0])).toMatch(/^id: 42\n/);
		abort.abort();
	});

	it('holds nothing beyond the newest snapshot for a viewer that stops reading for a long time', async () => {
		const hub = fakeHub();
		const abort = new AbortController();
		const stream = openEventStream({ hub, campaignId: 1, initial: null, signal: abort.signal });
		const reader = stream.getReader();
		await reader.read();
		// Ten thousand pushes while the viewer reads nothing: nothing queues inside the stream.
		for (let i = 0; i < 10_000; i++) hub.push(snapshot(i));
		const next = new TextDecoder().decode((await reader.read()).value);
		expect(next.match(/^id: /gm)).toEqual(['id: ']);
		expect(next).toMatch(/^id: 9999\n/);
		// And once it has caught up, the stream waits for the next push instead of repeating one.
		const pending = reader.read();
		const raced = await Promise.race([pending, wait(30).then(() => 'waiting')]);
		expect(raced).toBe('waiting');
		hub.push(snapshot(10_000));
		expect(new TextDecoder().decode((await pending).value)).toMatch(/^id: 10000\n/);
		abort.abort();
	});
});

type Carrier = (res: ServerResponse, hub: ReturnType<typeof fakeHub>, heartbeat?: number) => void;

const carriers: [string, Carrier][] = [
	[
		'SvelteKit (web stream)',
		(res, hub, heartbeat) =>
			void setResponse(
				res,
				new Response(
					openEventStream({
						hub,
						campaignId: 1,
						initial: null,
						signal: new AbortController().signal,
						heartbeat
					}),
					{ headers: eventStreamHeaders }
				)
			)
	],
	[
		'lean route (node:http)',
		(res, hub, heartbeat) => writeEventStream(res, { hub, campaignId: 1, initial: null, heartbeat })
	]
];

async function serve(carrier: Carrier, hub: ReturnType<typeof fakeHub>, heartbeat?: number) {
	const held: { response: ServerResponse | null } = { response: null };
	const server = createServer((_req, res) => {
		held.response = res;
		carrier(res, hub, heartbeat);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	const socket = connect(port, '127.0.0.1');
	socket.write(`GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
	const seen = { text: '' };
	socket.on('data', (chunk) => (seen.text += chunk.toString('latin1')));
	const close = async () => {
		socket.destroy();
		await expect.poll(() => hub.listeners.size).toBe(0);
		await new Promise((done) => server.close(done));
	};
	return { held, socket, seen, close };
}

describe.each(carriers)('live event stream over a real socket: %s', (_name, carrier) => {
	it('sends the retry delay, each push with its sequence, heartbeats, and never an archived campaign', async () => {
		const hub = fakeHub();
		const { seen, close } = await serve(carrier, hub, 20);
		await expect.poll(() => seen.text.includes('retry: 2000\n\n')).toBe(true);
		expect(seen.text).toMatch(/content-type: text\/event-stream/i);
		hub.push(snapshot(8));
		await expect.poll(() => seen.text.includes('id: 8\nevent: snapshot\ndata: {')).toBe(true);
		hub.push(snapshot(9, 'archived'));
		await expect.poll(() => seen.text.includes(': heartbeat\n\n')).toBe(true);
		expect(seen.text).not.toContain('id: 9\n');
		await close();
	});

	it('keeps a stalled viewer within one snapshot plus the socket buffer, never dropping it', async () => {
		const hub = fakeHub();
		const { held, socket, seen, close } = await serve(carrier, hub);
		await expect.poll(() => seen.text.includes('retry: 2000')).toBe(true);
		socket.pause();

		// Snapshots of about 100 KB each, far more than the socket and kernel buffers take.
		const big = (sequence: number) => ({ ...snapshot(sequence), title: 'x'.repeat(100_000) });
		let peak = 0;
		for (let i = 1; i <= 300; i++) {
			hub.push(big(i));
			await wait(1);
			peak = Math.max(peak, held.response?.writableLength ?? 0);
		}
		// Node's own buffer holds at most the one write that crossed its high-water mark.
		expect(peak).toBeLessThan(2 * 101_000);
		expect(hub.listeners.size).toBe(1);

		socket.resume();
		await expect.poll(() => seen.text.includes('id: 300\n'), { timeout: 5000 }).toBe(true);
		// Skipped pictures, not queued ones: far fewer than 300 messages got through.
		expect((seen.text.match(/^id: /gm) ?? []).length).toBeLessThan(50);
		await close();
	});
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

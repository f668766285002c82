/**
 * One viewer's SSE stream. Pull-based: the stream hands over the next chunk only when the HTTP
 * layer asks for it, which it does once the previous write has drained into the socket. A viewer
 * holds at most one pending snapshot (the newest replaces an unsent older one), so a slow viewer
 * costs a bounded amount of memory (one pending message plus the socket's buffer) and is never
 * dropped, and a fast one sees every push. Snapshots are whole pictures, so skipping an
 * intermediate one loses nothing.
 *
 * Every viewer of a campaign receives the same snapshot object from the hub; it is serialized and
 * encoded once (`encodeEvent`), and the same bytes are written to every stream.
 */
import type { ServerResponse } from 'node:http';
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import type { LiveHub } from './hub';

export const heartbeatMs = 15_000;

/** Shown publicly once open (or while a draft is rehearsed), never when archived. */
export function isPublic(snapshot: LiveSnapshot): boolean {
	if (snapshot.state === 'archived') return false;
	return snapshot.state !== 'draft' || snapshot.rehearsal;
}

/** One SSE message: the sequence as its id, the snapshot as JSON on one data line. */
export function formatEvent(snapshot: LiveSnapshot): string {
	return `id: ${snapshot.sequence}\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

const encoder = new TextEncoder();
const encoded = new WeakMap<LiveSnapshot, Uint8Array>();

/** The message's bytes, made once per snapshot object however many viewers receive it. */
export function encodeEvent(snapshot: LiveSnapshot): Uint8Array {
	let bytes = encoded.get(snapshot);
	if (!bytes) {
		bytes = encoder.encode(formatEvent(snapshot));
		encoded.set(snapshot, bytes);
	}
	return bytes;
}

const retryBytes = encoder.encode('retry: 2000\n\n');
const heartbeatBytes = encoder.encode(': heartbeat\n\n');

function join(a: Uint8Array | null, b: Uint8Array | null): Uint8Array {
	if (!a) return b ?? new Uint8Array();
	if (!b) return a;
	const both = new Uint8Array(a.length + b.length);
	both.set(a);
	both.set(b, a.length);
	return both;
}

export interface StreamOptions {
	hub: Pick<LiveHub, 'subscribe'>;
	campaignId: number;
	/** Sent first (null: the client already holds the current sequence). */
	initial: LiveSnapshot | null;
	signal: AbortSignal;
	heartbeat?: number;
}

export function openEventStream(options: StreamOptions): ReadableStream<Uint8Array> {
	// Reconnect after 2 s; the first message of a fresh connection tells the browser so.
	let control: Uint8Array | null = retryBytes;
	let snapshot: Uint8Array | null = options.initial ? encodeEvent(options.initial) : null;
	let wake: (() => void) | null = null;
	let closed = false;
	let unsubscribe: (() => void) | null = null;
	let beat: ReturnType<typeof setInterval> | null = null;

	const cleanUp = () => {
		if (closed) return;
		closed = true;
		unsubscribe?.();
		if (beat) clearInterval(beat);
		wake?.();
	};

	return new ReadableStream<Uint8Array>(
		{
			start() {
				unsubscribe = options.hub.subscribe(options.campaignId, (next) => {
					if (!isPublic(next)) return;
					// Newest wins: an unsent older snapshot is replaced, never queued behind.
					snapshot = encodeEvent(next);
					wake?.();
				});
				beat = setInterval(() => {
					if (control === null && snapshot === null) {
						control = heartbeatBytes;
						wake?.();
					}
				}, options.heartbeat ?? heartbeatMs);
				options.signal.addEventListener('abort', cleanUp, { once: true });
			},
			async pull(controller) {
				while (control === null && snapshot === null && !closed)
					await new Promise<void>((resolve) => (wake = resolve));
				wake = null;
				if (closed) {
					controller.close();
					return;
				}
				// One chunk per pull: the HTTP layer asks again only when the socket has drained.
				controller.enqueue(join(control, snapshot));
				control = snapshot = null;
			},
			cancel: cleanUp
		},
		{ highWaterMark: 0 }
	);
}

/** The response headers of the feed, whichever carrier sends it. */
export const eventStreamHeaders: Record<string, string> = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	connection: 'keep-alive',
	// Proxies such as nginx would otherwise hold events back in their buffers.
	'x-accel-buffering': 'no',
	'access-control-allow-origin': '*'
};

/**
 * The same stream written straight to a node:http response (the lean route, lean/live-feed.ts):
 * the same messages and the same rule — at most one pending snapshot per viewer, the newest,
 * written when the socket has drained — without a web stream per viewer. A push to a thousand
 * viewers is then a thousand socket writes of the same bytes and little else; through
 * SvelteKit's stream each viewer's write cost ~0.2 ms of the event loop (docs/LIVE.md).
 */
export function writeEventStream(
	res: ServerResponse,
	options: Omit<StreamOptions, 'signal'>
): void {
	let control: Uint8Array | null = retryBytes;
	let snapshot: Uint8Array | null = options.initial ? encodeEvent(options.initial) : null;
	const flush = () => {
		if (res.writableNeedDrain || res.destroyed || (control === null && snapshot === null)) return;
		const bytes = join(control, snapshot);
		control = snapshot = null;
		res.write(bytes);
	};
	res.writeHead(200, eventStreamHeaders);
	flush();
	const unsubscribe = options.hub.subscribe(options.campaignId, (next) => {
		if (!isPublic(next)) return;
		// Newest wins: an unsent older snapshot is replaced, never queued behind.
		snapshot = encodeEvent(next);
		flush();
	});
	const beat = setInterval(() => {
		if (control === null && snapshot === null) {
			control = heartbeatBytes;
			flush();
		}
	}, options.heartbeat ?? heartbeatMs);
	res.on('drain', flush);
	res.once('close', () => {
		unsubscribe();
		clearInterval(beat);
	});
}

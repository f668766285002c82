/**
 * One viewer's SSE stream. Pull-based: the stream asks for the next chunk only when the previous
 * one has gone out, and a viewer holds at most one pending message (the newest snapshot wins), so
 * a slow viewer costs a bounded amount of memory and is never dropped, and a fast one sees every
 * push. Snapshots are whole pictures, so skipping an intermediate one loses nothing.
 */
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

export interface StreamOptions {
	hub: Pick<LiveHub, 'subscribe'>;
	campaignId: number;
	/** Sent first (null: the client already holds the current sequence). */
	initial: LiveSnapshot | null;
	signal: AbortSignal;
	heartbeat?: number;
}

export function openEventStream(options: StreamOptions): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	// Reconnect after 2 s; the first message of a fresh connection tells the browser so.
	let pending: string | null =
		'retry: 2000\n\n' + (options.initial ? formatEvent(options.initial) : '');
	let wake: (() => void) | null = null;
	let closed = false;
	let unsubscribe: (() => void) | null = null;
	let beat: ReturnType<typeof setInterval> | null = null;

	const offer = (text: string, replace: boolean) => {
		pending = replace || pending === null ? text : pending + text;
		wake?.();
	};
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
				unsubscribe = options.hub.subscribe(options.campaignId, (snapshot) => {
					if (isPublic(snapshot)) offer(formatEvent(snapshot), true);
				});
				beat = setInterval(() => {
					if (pending === null) offer(': heartbeat\n\n', false);
				}, options.heartbeat ?? heartbeatMs);
				options.signal.addEventListener('abort', cleanUp, { once: true });
			},
			async pull(controller) {
				while (pending === null && !closed) await new Promise<void>((resolve) => (wake = resolve));
				wake = null;
				if (closed) {
					controller.close();
					return;
				}
				controller.enqueue(encoder.encode(pending ?? ''));
				pending = null;
			},
			cancel: cleanUp
		},
		{ highWaterMark: 1 }
	);
}

import type { LiveSnapshot } from '$lib/domain/live-snapshot';

/**
 * The screen's connection to the SSE feed. EventSource reconnects by itself after a network drop
 * and sends Last-Event-ID; when the server answered with an error it gives up, so we open a new
 * one after a pause, passing the last sequence we hold so the server can tell whether to resend.
 */
export class LiveFeed {
	snapshot = $state.raw<LiveSnapshot>() as LiveSnapshot;
	connected = $state(true);
	private source: EventSource | null = null;
	private retry: ReturnType<typeof setTimeout> | null = null;
	private stopped = false;

	constructor(
		initial: LiveSnapshot,
		private readonly url: string
	) {
		this.snapshot = initial;
	}

	start(): void {
		this.stopped = false;
		this.open();
	}

	stop(): void {
		this.stopped = true;
		if (this.retry) clearTimeout(this.retry);
		this.source?.close();
		this.source = null;
	}

	private open(): void {
		const source = new EventSource(`${this.url}?lastEventId=${this.snapshot.sequence}`);
		this.source = source;
		source.addEventListener('open', () => (this.connected = true));
		source.addEventListener('snapshot', (event) => {
			const next = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
			// An older picture (another instance a step behind) never replaces a newer one.
			if (next.sequence >= this.snapshot.sequence || next.generatedAt > this.snapshot.generatedAt)
				this.snapshot = next;
			this.connected = true;
		});
		source.addEventListener('error', () => {
			this.connected = false;
			if (source.readyState !== EventSource.CLOSED || this.stopped) return;
			this.retry = setTimeout(() => this.open(), 3000);
		});
	}
}

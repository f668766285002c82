/**
 * Keeping several app instances on one PostgreSQL in step: after a change an instance sends
 * `NOTIFY minping_live, '<campaignId>:<instance>'`, and every other instance LISTENs and
 * refreshes that campaign, re-reading counts and controls from the database. The message carries
 * no figures, so a lost or repeated one costs at most one extra rebuild, never a wrong number.
 *
 * Pacing per campaign: the first change after a quiet spell is announced at once (leading edge),
 * and a burst sends one more NOTIFY per interval (50 ms) for everything that arrived meanwhile
 * (trailing edge), so the last ballot of a burst is always announced after its commit. An
 * instance ignores its own messages (it already knew). When the LISTEN connection is
 * re-established after a drop, `onResync` asks for a refresh of everything, since notifications
 * sent meanwhile are lost.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export const liveChannel = 'minping_live';

/** The least spacing between two NOTIFYs for one campaign from one instance. */
export const notifyIntervalMs = 50;

export interface ChangeBus {
	/** Announces a change to every other instance. */
	announce(campaignId: number): void;
	close(): Promise<void>;
}

export interface LiveMessage {
	campaignId: number;
	/** The sending instance's tag; null from a sender that did not name itself. */
	origin: string | null;
}

/** Parses a notification's payload: `<id>` or `<id>:<instance tag>`, or null for anything else. */
export function parseMessage(payload: string): LiveMessage | null {
	const match = /^(\d{1,12})(?::([0-9a-f]{1,32}))?$/.exec(payload.trim());
	if (!match) return null;
	const id = Number(match[1]);
	return Number.isSafeInteger(id) && id > 0 ? { campaignId: id, origin: match[2] ?? null } : null;
}

/** The campaign id of a payload, or null. */
export function parsePayload(payload: string): number | null {
	return parseMessage(payload)?.campaignId ?? null;
}

/**
 * Leading-and-trailing pacing of announcements per campaign, over an injected clock and sender,
 * so the rule is tested without a database.
 */
export class AnnouncePacer {
	private readonly last = new Map<number, number>();
	private readonly waiting = new Map<number, ReturnType<typeof setTimeout>>();

	constructor(
		private readonly send: (campaignId: number) => void,
		private readonly intervalMs = notifyIntervalMs,
		private readonly now: () => number = Date.now
	) {}

	announce(campaignId: number): void {
		if (this.waiting.has(campaignId)) return;
		const at = this.now();
		const due = (this.last.get(campaignId) ?? -Infinity) + this.intervalMs;
		if (at >= due) {
			this.fire(campaignId, at);
			return;
		}
		this.waiting.set(
			campaignId,
			setTimeout(() => {
				this.waiting.delete(campaignId);
				this.fire(campaignId, this.now());
			}, due - at)
		);
	}

	private fire(campaignId: number, at: number): void {
		this.last.set(campaignId, at);
		// Forget quiet campaigns, so the map follows the campaigns being voted on.
		if (this.last.size > 1000)
			for (const [id, when] of this.last) if (at - when > this.intervalMs) this.last.delete(id);
		this.send(campaignId);
	}

	close(): void {
		for (const timer of this.waiting.values()) clearTimeout(timer);
		this.waiting.clear();
	}
}

export function createPostgresBus(
	url: string,
	onChange: (campaignId: number) => void,
	options: { intervalMs?: number; onResync?: () => void } = {}
): ChangeBus {
	const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	const self = randomBytes(8).toString('hex');
	let listened = false;
	const listening = client
		.listen(
			liveChannel,
			(payload) => {
				const message = parseMessage(payload);
				if (message && message.origin !== self) onChange(message.campaignId);
			},
			() => {
				// Called again after a reconnect: whatever was sent while we were away is lost.
				if (listened) options.onResync?.();
				listened = true;
			}
		)
		.catch((error: unknown) => {
			console.error('minping: live LISTEN failed; this instance updates only itself', error);
			return null;
		});

	const pacer = new AnnouncePacer((id) => {
		client.notify(liveChannel, `${id}:${self}`).catch((error: unknown) => {
			console.error(`minping: live NOTIFY for campaign ${id} failed`, error);
		});
	}, options.intervalMs);

	return {
		announce: (campaignId) => pacer.announce(campaignId),
		async close() {
			pacer.close();
			await listening;
			await client.end({ timeout: 5 });
		}
	};
}

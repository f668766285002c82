/**
 * Keeping several app instances on one PostgreSQL in step: after a change an instance sends
 * `NOTIFY minping_live, '<campaignId>:<instance>'`, and every other instance LISTENs and
 * refreshes that campaign, re-reading counts and controls from the database. After a commit of
 * ballots the message is `<campaignId>:<instance>:<figures>` instead: the commit's transaction
 * id and what it adds (running-tally.ts, `CommitCounts`), which the other instances add to their
 * running tallies by the same rule as their own commits (transaction ids are cluster-wide), so
 * no recount. A commit too large for one NOTIFY (8,000 bytes) is announced without figures. A
 * lost message is caught by the safety net's row check (hub.ts); a repeated one is harmless
 * only without figures, and PostgreSQL delivers each once.
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
import { parseXid } from '$lib/domain/live-xid';
import type { CampaignCounts } from '$lib/server/results/aggregate';
import type { CommitCounts, LocalCommit } from './running-tally';
import { reconnectDelay } from '$lib/server/db/connect';

export const liveChannel = 'minping_live';

/** The least spacing between two NOTIFYs for one campaign from one instance. */
export const notifyIntervalMs = 50;

export interface ChangeBus {
	/** Announces a change to every other instance. */
	announce(campaignId: number): void;
	/** Announces a commit with its figures (or, when they do not fit, as a plain change). */
	announceCommit(campaignId: number, commit: LocalCommit): void;
	close(): Promise<void>;
}

export interface LiveMessage {
	campaignId: number;
	/** The sending instance's tag; null from a sender that did not name itself. */
	origin: string | null;
	/** A commit's figures, when the message carries them. */
	commit?: LocalCommit;
}

/** Longest payload sent (PostgreSQL refuses 8,000 bytes and more). */
export const maxPayloadBytes = 7900;

/**
 * Parses a notification's payload: `<id>`, `<id>:<instance tag>` or
 * `<id>:<instance tag>:<commit figures>`; null for anything else (figures included).
 */
export function parseMessage(payload: string): LiveMessage | null {
	const match = /^(\d{1,12})(?::([0-9a-f]{1,32})(?::(\{.*\}))?)?$/s.exec(payload.trim());
	if (!match) return null;
	const id = Number(match[1]);
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	const message: LiveMessage = { campaignId: id, origin: match[2] ?? null };
	if (match[3] === undefined) return message;
	const commit = decodeCommit(match[3]);
	return commit ? { ...message, commit } : null;
}

type Wire = unknown[];
const tierOut = (tierId: number | null) => tierId ?? 0;
const tierIn = (value: unknown) => (value === 0 ? null : value);

function encodeCounts(c: CampaignCounts): Wire {
	return [
		c.ballots.map((r) => [r.subjectId, tierOut(r.tierId), r.n]),
		c.options.map((r) => [r.subjectId, tierOut(r.tierId), r.questionId, r.key, r.n]),
		c.scores.map((r) => [r.subjectId, tierOut(r.tierId), r.questionId, String(r.total), r.n]),
		c.selections.map((r) => [r.subjectId, tierOut(r.tierId), r.questionId, r.key, r.n])
	];
}

/** A commit's figures as the NOTIFY text (ids are positive, so 0 stands for "no tier"). */
export function encodeCommit(commit: LocalCommit): string {
	const c = commit.counts;
	return JSON.stringify({
		x: String(commit.xid),
		j: encodeCounts(c.jury),
		a: encodeCounts(c.audience),
		v: c.voted.map((t) => [tierOut(t.tierId), t.n]),
		p: c.paper.map((t) => [tierOut(t.tierId), t.n]),
		d: c.devices,
		b: c.ballots,
		q: c.participation
	});
}

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isTier = (v: unknown) => v === 0 || isId(v);

function decodeCounts(value: unknown): CampaignCounts | null {
	if (!Array.isArray(value) || value.length !== 4 || !value.every(Array.isArray)) return null;
	const [ballots, options, scores, selections] = value as unknown[][];
	const rows = (list: unknown[], width: number, ok: (r: unknown[]) => boolean) =>
		list.every((r) => Array.isArray(r) && r.length === width && ok(r));
	const keyed = (r: unknown[]) =>
		isId(r[0]) && isTier(r[1]) && isId(r[2]) && typeof r[3] === 'string' && isCount(r[4]);
	if (!rows(ballots, 3, (r) => isId(r[0]) && isTier(r[1]) && isCount(r[2]))) return null;
	if (!rows(options, 5, keyed) || !rows(selections, 5, keyed)) return null;
	const sum = (r: unknown[]) => typeof r[3] === 'string' && /^-?\d{1,30}$/.test(r[3]);
	if (!rows(scores, 5, (r) => isId(r[0]) && isTier(r[1]) && isId(r[2]) && sum(r) && isCount(r[4])))
		return null;
	const option = (r: unknown[]) => ({
		subjectId: r[0] as number,
		tierId: tierIn(r[1]) as number | null,
		questionId: r[2] as number,
		key: r[3] as string,
		n: r[4] as number
	});
	return {
		ballots: (ballots as unknown[][]).map((r) => ({
			subjectId: r[0] as number,
			tierId: tierIn(r[1]) as number | null,
			n: r[2] as number
		})),
		options: (options as unknown[][]).map(option),
		scores: (scores as unknown[][]).map((r) => ({
			subjectId: r[0] as number,
			tierId: tierIn(r[1]) as number | null,
			questionId: r[2] as number,
			total: BigInt(r[3] as string),
			n: r[4] as number
		})),
		selections: (selections as unknown[][]).map(option)
	};
}

function decodeTiers(value: unknown): CommitCounts['voted'] | null {
	if (!Array.isArray(value)) return null;
	const ok = value.every(
		(r) => Array.isArray(r) && r.length === 2 && isTier(r[0]) && isCount(r[1])
	);
	return ok
		? value.map((r) => ({ tierId: tierIn(r[0]) as number | null, n: r[1] as number }))
		: null;
}

/** The figures of `encodeCommit`, or null for anything malformed. */
export function decodeCommit(text: string): LocalCommit | null {
	let value: Record<string, unknown>;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const xid = typeof value.x === 'string' ? parseXid(value.x) : null;
	const jury = decodeCounts(value.j);
	const audience = decodeCounts(value.a);
	const voted = decodeTiers(value.v);
	const paper = decodeTiers(value.p);
	const { d, b, q } = value;
	if (xid === null || !jury || !audience || !voted || !paper) return null;
	if (!isCount(d) || !isCount(b) || !isCount(q)) return null;
	return {
		xid,
		counts: { jury, audience, voted, paper, devices: d, ballots: b, participation: q }
	};
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
	onChange: (campaignId: number, commit?: LocalCommit) => void,
	options: { intervalMs?: number; onResync?: () => void } = {}
): ChangeBus {
	// The same capped reconnect wait as the pool (connect.ts): after a PostgreSQL restart the
	// screens hear other instances again within a second or so, not after postgres.js's 20 s.
	const client = postgres(url, {
		max: 1,
		onnotice: () => {},
		connect_timeout: 10,
		backoff: reconnectDelay
	});
	const self = randomBytes(8).toString('hex');
	let listened = false;
	const listening = client
		.listen(
			liveChannel,
			(payload) => {
				const message = parseMessage(payload);
				if (message && message.origin !== self) onChange(message.campaignId, message.commit);
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
		announceCommit(campaignId, commit) {
			const payload = `${campaignId}:${self}:${encodeCommit(commit)}`;
			if (Buffer.byteLength(payload) > maxPayloadBytes) {
				pacer.announce(campaignId);
				return;
			}
			// Unpaced: each commit's figures are needed, and a batch is one commit of many ballots.
			client.notify(liveChannel, payload).catch((error: unknown) => {
				console.error(`minping: live NOTIFY for campaign ${campaignId} failed`, error);
				// The others then learn of it from their safety net; tell them now instead.
				pacer.announce(campaignId);
			});
		},
		async close() {
			pacer.close();
			await listening;
			await client.end({ timeout: 5 });
		}
	};
}

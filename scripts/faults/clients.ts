// Simulated card holders: each takes a card, makes one idempotency key for it, and sends its ballot
// until it gets a definite answer (a 2xx receipt or a 4xx refusal), retrying with the SAME key after
// any error, 5xx, reset or timeout. Every attempt is recorded, so the checks can compare what the
// clients were told with what the database holds.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { FaultCampaign, FaultRater } from './setup';
import { ballotFor } from './setup';

export interface KeyRecord {
	key: string;
	rater: FaultRater;
	/** Every receipt a 2xx answer carried for this key (must be one). */
	receipts: Set<string>;
	acked: boolean;
	/** The first answer that carried a 201 (stored now) vs only 200s (stored before). */
	firstStore: boolean;
	refusal: { status: number; code: string } | null;
	attempts: number;
	/** Attempts this client cut off after sending the body (the dropped-connection fault). */
	dropped: number;
}

export interface AttemptLog {
	/** Outcome label → count: "201", "200", "500", "ECONNREFUSED", "timeout", "dropped", … */
	outcomes: Map<string, number>;
	/** Milliseconds for every attempt that got an answer or an error (not our own drops). */
	latencies: number[];
	/** Which carrier answered (x-ballot-route header, else sveltekit) → answers. */
	routes: Map<string, number>;
	/** Outcome label → the slowest attempt with that outcome, in ms. */
	slowest: Map<string, number>;
	/** Every attempt: when it started and ended (epoch ms), and its outcome label. */
	trace: { start: number; end: number; label: string }[];
	/** Attempts that reached the per-request timeout with no answer. */
	hung: number;
	/** 2xx answers without a receipt. */
	malformed: number;
	/** Five-line samples of unexpected answers (5xx bodies), for the report. */
	samples: string[];
}

export interface BurstOptions {
	campaign: FaultCampaign;
	/** Base URLs of the instances; attempts go round-robin and a retry moves to the next one. */
	targets: () => string[];
	concurrency: number;
	/** Clients take new cards while this is true (and cards are left). */
	keepTaking: () => boolean;
	/** After this moment (epoch ms) a client stops retrying and leaves its key unresolved. */
	deadline: number;
	requestTimeoutMs: number;
	/** Share of first attempts to cut off right after the body is sent (0–1). */
	dropShare?: number;
	/** Called once per key, at its first acknowledgement (progress for the fault schedule). */
	onAck?: () => void;
	/** Share of keys whose first attempt goes to every target at once, concurrently (0–1). */
	fanOutShare?: number;
}

export interface BurstResult {
	records: KeyRecord[];
	log: AttemptLog;
	ms: number;
}

type Attempt =
	| { kind: 'answer'; status: number; body: string; ms: number; route: string }
	| { kind: 'error'; label: string; ms: number }
	| { kind: 'dropped' };

const agents = new Map<string, http.Agent>();
function agentFor(base: string, sockets: number): http.Agent {
	let agent = agents.get(base);
	if (!agent) {
		agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
		agents.set(base, agent);
	}
	return agent;
}

export function closeAgents(): void {
	for (const agent of agents.values()) agent.destroy();
	agents.clear();
}

/** One POST; `dropAfterMs` set: destroy the socket that many ms after the body is flushed. */
function post(
	base: string,
	rater: FaultRater,
	body: string,
	timeoutMs: number,
	sockets: number,
	dropAfterMs?: number
): Promise<Attempt> {
	const url = new URL(rater.path, base);
	const started = performance.now();
	return new Promise((resolve) => {
		let settled = false;
		const settle = (a: Attempt) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(a);
		};
		const request = http.request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				// A dropped connection must not poison the keep-alive pool: it gets its own socket.
				agent: dropAfterMs === undefined ? agentFor(base, sockets) : false,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					origin: base,
					accept: 'application/json',
					...(rater.cookie ? { cookie: rater.cookie } : {})
				}
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (c: Buffer) => chunks.push(c));
				response.on('end', () =>
					settle({
						kind: 'answer',
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: performance.now() - started,
						// The lean route in front of SvelteKit says so (docs/adr/0002).
						route: String(response.headers['x-ballot-route'] ?? 'sveltekit')
					})
				);
				response.on('error', (e) =>
					settle({ kind: 'error', label: errorLabel(e), ms: performance.now() - started })
				);
			}
		);
		const timer = setTimeout(() => {
			request.destroy(new Error('timeout'));
			settle({ kind: 'error', label: 'timeout', ms: performance.now() - started });
		}, timeoutMs);
		request.on('error', (e) =>
			settle({ kind: 'error', label: errorLabel(e), ms: performance.now() - started })
		);
		if (dropAfterMs !== undefined)
			request.on('finish', () =>
				setTimeout(() => {
					request.destroy();
					settle({ kind: 'dropped' });
				}, dropAfterMs)
			);
		request.end(body);
	});
}

function errorLabel(error: unknown): string {
	const e = error as { code?: string; message?: string };
	if (e.message === 'timeout') return 'timeout';
	return e.code ?? e.message ?? 'error';
}

// Cut-offs after the body is flushed: most within the time the server takes to commit and answer
// (a few ms at the group commit's speed; 20 and 50 ms left a quarter of the drops too late to be
// drops, and scenario c rightly failed), a few at the edge of it.
const dropDelays = [0, 0, 0, 1, 1, 2, 5, 10];

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
	const started = performance.now();
	const records: KeyRecord[] = [];
	const log: AttemptLog = {
		outcomes: new Map(),
		slowest: new Map(),
		routes: new Map(),
		trace: [],
		latencies: [],
		hung: 0,
		malformed: 0,
		samples: []
	};
	const count = (label: string) => log.outcomes.set(label, (log.outcomes.get(label) ?? 0) + 1);
	const raters = options.campaign.raters;
	let nextCard = 0;
	let turn = 0;

	/** Applies one attempt's result to the key's record; true when the answer was definite. */
	function settle(record: KeyRecord, attempt: Attempt): boolean {
		if (attempt.kind === 'dropped') {
			count('dropped');
			record.dropped++;
			return false;
		}
		log.latencies.push(attempt.ms);
		const label = attempt.kind === 'error' ? attempt.label : String(attempt.status);
		log.slowest.set(label, Math.max(log.slowest.get(label) ?? 0, attempt.ms));
		log.trace.push({ start: Date.now() - attempt.ms, end: Date.now(), label });
		if (attempt.kind === 'error') {
			count(attempt.label);
			if (attempt.label === 'timeout') log.hung++;
			return false;
		}
		count(String(attempt.status));
		log.routes.set(attempt.route, (log.routes.get(attempt.route) ?? 0) + 1);
		if (attempt.status === 200 || attempt.status === 201) {
			let receipt: unknown;
			try {
				receipt = (JSON.parse(attempt.body) as { receiptCode?: unknown }).receiptCode;
			} catch {
				receipt = undefined;
			}
			if (typeof receipt !== 'string' || !receipt) {
				// A 2xx that acknowledges nothing: the check on malformed answers fails the run.
				log.malformed++;
				if (log.samples.length < 5)
					log.samples.push(`${attempt.status} ${attempt.body.slice(0, 200)}`);
				return false;
			}
			record.receipts.add(receipt);
			if (!record.acked) options.onAck?.();
			record.acked = true;
			if (attempt.status === 201) record.firstStore = true;
			return true;
		}
		if (attempt.status >= 400 && attempt.status < 500 && ![408, 429].includes(attempt.status)) {
			let code = 'unknown';
			try {
				code = (JSON.parse(attempt.body) as { code?: string }).code ?? code;
			} catch {
				// not JSON: keep 'unknown'
			}
			record.refusal ??= { status: attempt.status, code };
			if (log.samples.length < 5)
				log.samples.push(`${attempt.status} ${attempt.body.slice(0, 200)}`);
			return true;
		}
		if (attempt.status >= 500 && log.samples.length < 5)
			log.samples.push(`${attempt.status} ${attempt.body.slice(0, 200)}`);
		return false;
	}

	async function send(record: KeyRecord, body: string): Promise<void> {
		const sockets = options.concurrency;
		const targets = options.targets();
		// Some keys go to every instance at once first: the same ballot racing itself.
		if (targets.length > 1 && Math.random() < (options.fanOutShare ?? 0)) {
			record.attempts += targets.length;
			const answers = await Promise.all(
				targets.map((t) => post(t, record.rater, body, options.requestTimeoutMs, sockets))
			);
			const definite = answers.map((a) => settle(record, a));
			if (definite.some(Boolean)) return;
		}
		let failures = 0;
		let first = record.attempts === 0;
		while (Date.now() < options.deadline) {
			const all = options.targets();
			const target = all[turn++ % all.length];
			const drop =
				first && Math.random() < (options.dropShare ?? 0)
					? dropDelays[Math.floor(Math.random() * dropDelays.length)]
					: undefined;
			first = false;
			record.attempts++;
			const attempt = await post(
				target,
				record.rater,
				body,
				options.requestTimeoutMs,
				sockets,
				drop
			);
			if (settle(record, attempt)) return;
			failures++;
			// A dropped send is retried at once (the client gave up, not the server); errors back off.
			if (attempt.kind !== 'dropped') {
				const backoff = Math.min(1000, 50 * 2 ** Math.min(failures, 5));
				await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * backoff));
			}
		}
	}

	async function client(): Promise<void> {
		while (options.keepTaking() && nextCard < raters.length && Date.now() < options.deadline) {
			const rater = raters[nextCard++];
			const key = randomBytes(18).toString('base64url');
			const record: KeyRecord = {
				key,
				rater,
				receipts: new Set(),
				acked: false,
				firstStore: false,
				refusal: null,
				attempts: 0,
				dropped: 0
			};
			records.push(record);
			const body = JSON.stringify({
				idempotencyKey: key,
				ballots: ballotFor(options.campaign.definition, key)
			});
			await send(record, body);
		}
	}

	await Promise.all(Array.from({ length: options.concurrency }, () => client()));
	return { records, log, ms: performance.now() - started };
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

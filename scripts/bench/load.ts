// Load generation shared by the sections: one profile (connections, duration) for every HTTP
// throughput figure, so the app's numbers and baseline H are measured the same way; autocannon for
// fixed requests; a small keep-alive loader for requests that each need their own body (ballots:
// every card votes once, every submission has its own idempotency key).
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { BenchContext } from './types';

export interface LoadProfile {
	/** Concurrent connections (DESIGN.md's table: 50). */
	connections: number;
	/** Seconds measured. */
	durationS: number;
	/** Seconds of the same load before, not counted (JIT, pools, caches). */
	warmupS: number;
}

/** The one profile for throughput figures: 50 connections, 10 s (quick: 3 s) after a warm-up. */
export function loadProfile(context: Pick<BenchContext, 'quick'>): LoadProfile {
	return context.quick
		? { connections: 50, durationS: 3, warmupS: 1 }
		: { connections: 50, durationS: 10, warmupS: 2 };
}

export interface CannonResult {
	/** 2xx answers per second over the measured run. */
	perSecond: number;
	total2xx: number;
	non2xx: number;
	errors: number;
	p50Ms: number;
	p99Ms: number;
	durationS: number;
	/** Server CPU ms per 2xx over the measured run, when the server's pid was given. */
	cpuMsPerRequest?: number;
}

/** GET (or a fixed request) under autocannon: a warm-up run, then the measured run. */
export async function cannon(
	url: string,
	profile: LoadProfile,
	options: {
		method?: 'GET' | 'POST';
		headers?: Record<string, string>;
		body?: string;
		/** The server process, to report its CPU time per request. */
		serverPid?: number;
	} = {}
): Promise<CannonResult> {
	const base = {
		url,
		connections: profile.connections,
		pipelining: 1,
		method: options.method ?? 'GET',
		headers: options.headers,
		body: options.body
	};
	if (profile.warmupS > 0) await autocannon({ ...base, duration: profile.warmupS });
	const cpuBefore = options.serverPid ? processCpuMs(options.serverPid) : 0;
	const result = await autocannon({ ...base, duration: profile.durationS });
	const total2xx = result['2xx'];
	const cpuMsPerRequest = options.serverPid
		? (processCpuMs(options.serverPid) - cpuBefore) / Math.max(1, total2xx)
		: undefined;
	return {
		perSecond: total2xx / result.duration,
		total2xx,
		non2xx: result.non2xx,
		errors: result.errors,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		durationS: result.duration,
		cpuMsPerRequest
	};
}

export interface LoaderResult {
	/** Answers with the expected status per second of the measured window. */
	perSecond: number;
	ok: number;
	/** Answers with another status, by status. */
	refused: Record<string, number>;
	errors: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	durationS: number;
	/** Whether the request factory ran out (e.g. of ballot cards) before the time was up. */
	exhausted: boolean;
	firstError?: string;
}

export interface LoaderRequest {
	method: 'GET' | 'POST';
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

/**
 * `concurrency` workers on keep-alive connections send `next()`'s requests back to back for
 * `durationS` seconds (after `warmupS` seconds not counted). Stops early when `next()` returns
 * null. Counts answers with status `okStatus` (a number or a test).
 */
export async function runLoader(options: {
	origin: string;
	concurrency: number;
	durationS: number;
	warmupS?: number;
	okStatus: number | ((status: number) => boolean);
	next: () => LoaderRequest | null;
	timeoutMs?: number;
	/** Every answer, inside the measured window or not (e.g. to count what was acknowledged). */
	onAnswer?: (status: number) => void;
}): Promise<LoaderResult> {
	const { origin, concurrency } = options;
	const isOk =
		typeof options.okStatus === 'number'
			? (status: number) => status === options.okStatus
			: options.okStatus;
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const target = new URL(origin);
	const started = performance.now();
	const measureFrom = started + (options.warmupS ?? 0) * 1000;
	const measureUntil = measureFrom + options.durationS * 1000;
	let ok = 0;
	let errors = 0;
	let exhausted = false;
	let firstError: string | undefined;
	const refused: Record<string, number> = {};
	const latencies: number[] = [];

	const send = (request: LoaderRequest) =>
		new Promise<number>((resolveStatus, reject) => {
			const outgoing = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: request.method,
					path: request.path,
					agent,
					headers: {
						...request.headers,
						...(request.body ? { 'content-length': Buffer.byteLength(request.body) } : {})
					},
					timeout: options.timeoutMs ?? 30_000
				},
				(response) => {
					response.resume();
					response.on('end', () => resolveStatus(response.statusCode ?? 0));
					response.on('error', reject);
				}
			);
			outgoing.on('timeout', () => outgoing.destroy(new Error('request timed out')));
			outgoing.on('error', reject);
			outgoing.end(request.body);
		});

	async function worker() {
		while (performance.now() < measureUntil) {
			const request = options.next();
			if (!request) {
				exhausted = true;
				return;
			}
			const sentAt = performance.now();
			try {
				const status = await send(request);
				const doneAt = performance.now();
				options.onAnswer?.(status);
				if (sentAt < measureFrom || doneAt > measureUntil) continue;
				if (isOk(status)) {
					ok++;
					latencies.push(doneAt - sentAt);
				} else refused[status] = (refused[status] ?? 0) + 1;
			} catch (error) {
				errors++;
				firstError ??= error instanceof Error ? error.message : String(error);
			}
		}
	}

	await Promise.all(Array.from({ length: concurrency }, worker));
	agent.destroy();
	const measuredMs = Math.max(1, Math.min(performance.now(), measureUntil) - measureFrom);
	latencies.sort((a, b) => a - b);
	return {
		perSecond: ok / (measuredMs / 1000),
		ok,
		refused,
		errors,
		p50Ms: percentile(latencies, 0.5),
		p95Ms: percentile(latencies, 0.95),
		p99Ms: percentile(latencies, 0.99),
		durationS: measuredMs / 1000,
		exhausted,
		firstError
	};
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** "12,345" — figures in the report and the log. */
export function formatNumber(value: number, digits = 0): string {
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. Unlike
 * throughput it hardly depends on what else the machine runs: CPU ms per request says how many
 * requests one core could serve.
 */
export function processCpuMs(pid: number): number {
	ticksPerSecond ??=
		Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** User + system CPU of every `postgres` process on the machine (the server and its backends). */
export function postgresCpuMs(): number {
	let total = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
			total += processCpuMs(Number(entry));
		} catch {
			// The process ended between the listing and the read.
		}
	}
	return total;
}

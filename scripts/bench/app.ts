// Starts the built app (scripts/serve.js) as a child process for benchmarks and fault tests, waits
// for /healthz, and reports its memory. Every process started here is killed when the parent exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { serverNodeFlags } from '../server-flags.js';

export interface AppOptions {
	buildDir: string;
	port?: number;
	/** PostgreSQL database URL; without it the app runs on PGlite under dataDir. */
	databaseUrl?: string;
	dataDir?: string;
	env?: NodeJS.ProcessEnv;
	/** How long to wait for /healthz (first embedded start seeds the demo province). */
	timeoutMs?: number;
}

export interface RunningApp {
	url: string;
	port: number;
	child: ChildProcess;
	/** Milliseconds from spawn to the first healthy /healthz answer. */
	startMs: number;
	log: string[];
	/** Resident set size of the server process, in MB (from /proc). */
	rssMb(): number;
	/** SIGTERM and wait for the exit. */
	stop(): Promise<void>;
	/** SIGKILL (a crash), and wait for the exit. */
	kill(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

export async function startApp(options: AppOptions): Promise<RunningApp> {
	const port = options.port ?? (await freePort());
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...options.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		MINPING_BUILD_DIR: options.buildDir
	};
	delete env.DATABASE_URL;
	if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
	if (options.dataDir) env.DATA_DIR = options.dataDir;
	const started = performance.now();
	// BENCH_NODE_FLAGS adds flags for a profiling run (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
	const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
	const child = spawn(process.execPath, [...serverNodeFlags, ...extraFlags, 'scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	const log: string[] = [];
	const keep = (chunk: Buffer) => {
		log.push(String(chunk));
		if (log.length > 500) log.splice(0, log.length - 500);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const url = `http://127.0.0.1:${port}`;
	await waitForHealth(url, child, log, options.timeoutMs ?? 120_000);
	const startMs = performance.now() - started;
	const exited = () =>
		new Promise<void>((done) =>
			child.exitCode !== null || child.signalCode !== null
				? done()
				: child.once('exit', () => done())
		);
	return {
		url,
		port,
		child,
		startMs,
		log,
		rssMb: () => processRssMb(child.pid!),
		async stop() {
			child.kill('SIGTERM');
			await exited();
		},
		async kill() {
			child.kill('SIGKILL');
			await exited();
		}
	};
}

export function processRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb / 1024;
}

export async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolvePort(address.port) : reject()
			);
		});
	});
}

export async function waitForHealth(
	url: string,
	child: ChildProcess,
	log: string[],
	timeoutMs: number
) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`app exited early:\n${log.join('')}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	child.kill('SIGKILL');
	throw new Error(`app did not become healthy in ${timeoutMs} ms:\n${log.join('')}`);
}

/** A fresh, empty PostgreSQL database for one measurement; returns its URL and a dropper. */
export async function scratchDatabase(
	serverUrl: string,
	name: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.unsafe(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
			try {
				await again.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await again.end();
			}
		}
	};
}

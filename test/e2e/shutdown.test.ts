// Stopping the server: SIGTERM (what a process manager or a container runtime sends) ends the
// process with exit code 0 within seconds (here 5 s, with no request open), whether it was
// started by `npm start` (scripts/serve.js) or as adapter-node's own server (`node build`), whose
// shutdown event closes the live connection and the database pool (hooks.server.ts). A second
// instance on the browser tests' PostgreSQL database, or on an empty embedded database of its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort, waitForHealth } from '../../scripts/bench/app';

const databaseUrl = inject('databaseUrl');

describe('stopping the server', () => {
	it.each([
		{ name: 'npm start (scripts/serve.js)', entry: 'scripts/serve.js' },
		{ name: 'node build (adapter-node)', entry: 'build/index.js' }
	])('ends on SIGTERM, exit code 0: $name', async ({ entry }) => {
		const port = await freePort();
		const dataDir = mkdtempSync(join(tmpdir(), 'minping-shutdown-'));
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SEED_DEMO: 'false'
		};
		delete env.DATABASE_URL;
		if (databaseUrl) env.DATABASE_URL = databaseUrl;
		const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const log: string[] = [];
		child.stdout?.on('data', (chunk) => log.push(String(chunk)));
		child.stderr?.on('data', (chunk) => log.push(String(chunk)));
		try {
			const url = `http://127.0.0.1:${port}`;
			await waitForHealth(url, child, log, 60_000);
			// A live page opens the hub (and, on PostgreSQL, its LISTEN connection) before the stop.
			expect((await fetch(`${url}/live`)).status).toBe(200);

			const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
				const sent = Date.now();
				child.once('exit', (code) => resolve({ code, ms: Date.now() - sent }));
			});
			child.kill('SIGTERM');
			const outcome = await Promise.race([
				exited,
				new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))
			]);
			expect(outcome, `still running 5 s after SIGTERM; its log:\n${log.join('')}`).not.toBeNull();
			expect(outcome?.code).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, scratchDatabase, waitForHealth } from '../../scripts/bench/app';
import { serverNodeFlags } from '../../scripts/server-flags.js';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** The app's PostgreSQL database ('' on embedded PGlite, which only the app may open). */
		databaseUrl: string;
	}
}

/**
 * Starts the built app once for all browser tests: on a fresh PostgreSQL database when
 * TEST_DATABASE_URL (or DATABASE_URL) is set, else on a fresh embedded database in a temp folder,
 * which also exercises the first-start demo seeding. `npm run build` must have run before.
 */
export default async function setup(project: TestProject) {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'minping-e2e-'));
	const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
	const database = serverUrl
		? await scratchDatabase(serverUrl, `minping_e2e_${process.pid}`)
		: null;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	};
	delete env.DATABASE_URL;
	if (database) env.DATABASE_URL = database.url;
	createE2eAdmin(env);

	const child = spawn(process.execPath, [...serverNodeFlags, 'scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	child.stdout?.on('data', (chunk) => log.push(String(chunk)));
	child.stderr?.on('data', (chunk) => log.push(String(chunk)));
	const baseURL = `http://127.0.0.1:${port}`;
	await waitForHealth(baseURL, child, log, 150_000);
	project.provide('baseURL', baseURL);
	project.provide('databaseUrl', env.DATABASE_URL ?? '');

	// A crash mid-run would otherwise show only as "connection refused" in every later test.
	let stopping = false;
	child.once('exit', (code, signal) => {
		if (stopping) return;
		console.error(
			`\nThe app under test exited (code ${code}, signal ${signal}). Its log:\n${log.join('')}`
		);
	});

	return async () => {
		stopping = true;
		child.kill('SIGTERM');
		await new Promise((done) => child.once('exit', done));
		rmSync(dataDir, { recursive: true, force: true });
		await database?.drop();
	};
}

/** The account browser tests sign in with (test/e2e/support, docs/AUTH.md). */
const e2eAdmin = { email: 'e2e-admin@minping.test', password: 'E2e-Admin-Passw0rd!' };

/**
 * Creates the e2e admin through the real `admin:create` script, against the same database the app
 * will open (same DATABASE_URL or DATA_DIR), before the app starts: this also tests the script.
 */
function createE2eAdmin(env: NodeJS.ProcessEnv) {
	const result = spawnSync(
		process.execPath,
		[
			'node_modules/tsx/dist/cli.mjs',
			'scripts/admin-create.ts',
			'--email',
			e2eAdmin.email,
			'--password',
			e2eAdmin.password,
			'--name',
			'E2E admin'
		],
		{ env, encoding: 'utf8', timeout: 120_000 }
	);
	if (result.status !== 0) {
		throw new Error(`admin:create failed (${result.status}):\n${result.stdout}${result.stderr}`);
	}
}

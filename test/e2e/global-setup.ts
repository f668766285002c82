import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

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
	const databaseName = `minping_e2e_${process.pid}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	};
	delete env.DATABASE_URL;
	if (serverUrl) env.DATABASE_URL = await createDatabase(serverUrl, databaseName);
	createE2eAdmin(env);

	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	child.stdout?.on('data', (chunk) => log.push(String(chunk)));
	child.stderr?.on('data', (chunk) => log.push(String(chunk)));
	const baseURL = `http://127.0.0.1:${port}`;
	await waitForHealth(baseURL, child, log);
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
		if (serverUrl) await dropDatabase(serverUrl, databaseName);
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

async function freePort(): Promise<number> {
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

async function waitForHealth(baseURL: string, child: ChildProcess, log: string[]) {
	const deadline = Date.now() + 150_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`app exited early:\n${log.join('')}`);
		try {
			const response = await fetch(`${baseURL}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`app did not become healthy in time:\n${log.join('')}`);
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.unsafe(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

async function dropDatabase(serverUrl: string, name: string) {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
	} finally {
		await admin.end();
	}
}

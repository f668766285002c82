// Baselines every other figure is judged against, measured in the same run on the same machine:
// H, a plain node:http hello world under the same load as the app; P, single-row INSERTs each in
// its own commit, 50 at a time through postgres.js; J, a SvelteKit JSON endpoint (GET /healthz),
// for context between the two.
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { freePort, scratchDatabase, startApp } from './app';
import { cannon, formatNumber, loadProfile } from './load';
import type { BenchContext, BenchRow, BenchSection } from './types';

export const baselines: BenchSection = async (context) => {
	const rows: BenchRow[] = [];
	rows.push(
		await measure(context, 'plain node:http hello world', 'req/s', () => baselineH(context))
	);
	rows.push(
		await measure(context, 'PostgreSQL single-row INSERT, own commit', 'rows/s', () =>
			baselineP(context)
		)
	);
	rows.push(
		await measure(context, 'SvelteKit JSON endpoint (GET /healthz)', 'req/s', () =>
			jsonEndpoint(context)
		)
	);
	return rows;
};

/** One row: the measurement's, or a failed row with its error (the others still run). */
async function measure(
	context: BenchContext,
	metric: string,
	unit: string,
	run: () => Promise<BenchRow>
): Promise<BenchRow> {
	try {
		return await run();
	} catch (error) {
		context.log(`${metric} failed: ${(error as Error).stack ?? error}`);
		return failedRow('baseline', metric, unit, error);
	}
}

const helloServer = `
const http = require('node:http');
http.createServer((req, res) => {
	res.writeHead(200, { 'content-type': 'text/plain' });
	res.end('hello world');
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening'));
`;

async function baselineH(context: BenchContext): Promise<BenchRow> {
	const profile = loadProfile(context);
	const port = await freePort();
	const server = spawn(process.execPath, ['-e', helloServer, String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	try {
		await new Promise<void>((ready, fail) => {
			server.stdout!.once('data', () => ready());
			server.once('exit', (code) => fail(new Error(`hello world server exited (${code})`)));
		});
		context.log(`H: autocannon, ${profile.connections} connections, ${profile.durationS} s`);
		const result = await cannon(`http://127.0.0.1:${port}/`, profile, { serverPid: server.pid });
		if (result.total2xx === 0) throw new Error(`no 2xx answers (${result.errors} errors)`);
		return {
			section: 'baseline',
			key: 'H',
			metric: 'H: plain node:http hello world',
			value: result.perSecond,
			unit: 'req/s',
			note: `autocannon, ${profile.connections} connections, ${result.durationS.toFixed(0)} s after ${profile.warmupS} s warm-up; p99 ${result.p99Ms} ms; server CPU ${cpuText(result.cpuMsPerRequest)} per request; DESIGN.md: ~28,000 req/s`
		};
	} finally {
		server.kill('SIGKILL');
	}
}

async function baselineP(context: BenchContext): Promise<BenchRow> {
	const { durationS, warmupS, connections } = loadProfile(context);
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}p`);
	const sql = postgres(database.url, { max: connections, onnotice: () => {} });
	try {
		// Shaped like a ballot row: random key, campaign, small JSON answers, a date.
		await sql`create table ballot_like (
			id uuid primary key default gen_random_uuid(),
			campaign_id integer not null,
			answers jsonb not null,
			cast_on date not null default current_date
		)`;
		const settings = await sql<{ name: string; setting: string }[]>`
			select name, setting from pg_settings where name in ('synchronous_commit', 'fsync')`;
		const answers = { org_work: 'satisfied', selection: 'very_satisfied' };
		context.log(`P: ${connections} concurrent single-row INSERTs, ${durationS} s`);
		const startAt = performance.now();
		const measureFrom = startAt + warmupS * 1000;
		const measureUntil = measureFrom + durationS * 1000;
		let counted = 0;
		const worker = async () => {
			while (performance.now() < measureUntil) {
				await sql`insert into ballot_like (campaign_id, answers) values (${1}, ${sql.json(answers)})`;
				const now = performance.now();
				if (now >= measureFrom && now <= measureUntil) counted++;
			}
		};
		await Promise.all(Array.from({ length: connections }, worker));
		const [{ count }] = await sql<{ count: string }[]>`select count(*) from ballot_like`;
		const value = counted / durationS;
		const shown = settings.map((s) => `${s.name}=${s.setting}`).join(', ');
		return {
			section: 'baseline',
			key: 'P',
			metric: 'P: PostgreSQL single-row INSERT, each its own commit',
			value,
			unit: 'rows/s',
			note: `postgres.js, ${connections} concurrent, ${durationS} s after ${warmupS} s warm-up (${formatNumber(Number(count))} rows in all); ${shown}; DESIGN.md: ~8,300 rows/s`
		};
	} finally {
		await sql.end({ timeout: 5 });
		await database.drop();
	}
}

async function jsonEndpoint(context: BenchContext): Promise<BenchRow> {
	const profile = loadProfile(context);
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}json`);
	const app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
	try {
		context.log(`J: GET /healthz, ${profile.connections} connections, ${profile.durationS} s`);
		const result = await cannon(`${app.url}/healthz`, profile, { serverPid: app.child.pid });
		if (result.total2xx === 0) throw new Error(`no 2xx answers (${result.non2xx} non-2xx)`);
		return {
			section: 'baseline',
			key: 'J',
			metric: 'J: SvelteKit JSON endpoint, GET /healthz (one SELECT 1), on PostgreSQL',
			value: result.perSecond,
			unit: 'req/s',
			note: `the built app (adapter-node behind scripts/serve.js); autocannon, ${profile.connections} connections, ${result.durationS.toFixed(0)} s; p99 ${result.p99Ms} ms; server CPU ${cpuText(result.cpuMsPerRequest)} per request${result.non2xx ? `; ${result.non2xx} non-2xx` : ''}; DESIGN.md: ~2,800–3,500 req/s without the query`
		};
	} finally {
		await app.stop();
		await database.drop();
	}
}

function cpuText(ms: number | undefined): string {
	return ms === undefined ? 'not read' : `${ms < 0.1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
}

// `npm run test:faults [-- --quick] [-- --only a,c] [-- --build]`: fault injection against the
// built app on a private PostgreSQL cluster. Ballot bursts from simulated card holders that retry
// with the same idempotency key, while the app is killed, PostgreSQL restarts, clients drop their
// connections, or one of two instances dies; then the database is checked against what the clients
// were told. Loopback only, bounded in time, cleans up after itself. docs/FAULTS.md explains it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { startApp, type RunningApp } from '../bench/app';
import { checkBallots, healthyWithin, type Check } from './checks';
import { closeAgents, percentile, runBurst, type BurstResult } from './clients';
import { createPrivateCluster, type PrivateCluster } from './postgres';
import { openFaultCampaign, openJurorCampaign, type FaultCampaign } from './setup';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(repoRoot);

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		only: { type: 'string' },
		build: { type: 'boolean', default: false },
		path: { type: 'string' },
		help: { type: 'boolean', default: false }
	},
	strict: true
});
if (args.help) {
	console.log(`usage: npm run test:faults -- [--quick] [--only a,b,c,d,e] [--build] [--path /vote/{code}/ballot]
  --quick   shorter bursts and fewer faults (≤ 3 min); the full run takes ≤ 8 min
  --only    run only these scenarios
  --build   rebuild the app into the build folder first (MINPING_BUILD_DIR, default build-faults)
  --path    the ballot POST path, {code} standing for the card's code (default /vote/{code}/ballot)
env: MINPING_BUILD_DIR, FAULTS_PORT_BASE (default 4700; ports base..base+99 are tried), PG_BIN`);
	process.exit(0);
}

const quick = args.quick;
const limits = {
	totalMs: quick ? 180_000 : 480_000,
	requestTimeoutMs: 30_000,
	/** After the last fault: how long clients may keep retrying before keys count as unresolved. */
	drainMs: quick ? 30_000 : 45_000,
	concurrency: quick ? 24 : 32
};
const plan = {
	kills: quick ? 5 : 10,
	pgRestarts: (quick ? ['fast', 'immediate'] : ['fast', 'immediate', 'fast', 'immediate']) as (
		'fast' | 'immediate'
	)[],
	drops: quick ? 300 : 1000,
	instanceKills: quick ? 2 : 4,
	jurorKills: quick ? 2 : 5
};

// Cards for the bursts of a and b: enough that the burst outlasts every fault at the app's speed
// (the group commit of 2026-11-22 took ~2,000+ ballots/s through 24 clients; 8,000 cards ran out
// before the faults ended, and the scenario rightly refused to call that a pass).
const cardsFor = { faultsAB: quick ? 30_000 : 80_000 };
const ballotPaths = (args.path ?? '/vote/{code}/ballot').split(',');
const pathFor = (template: string) => (code: string) =>
	template.replace('{code}', encodeURIComponent(code));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Set-up: ports, build, private cluster, database, first app.

async function portIsFree(port: number): Promise<boolean> {
	return new Promise((done) => {
		const probe = createServer();
		probe.once('error', () => done(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
	});
}

async function freePorts(n: number): Promise<number[]> {
	const base = Number(process.env.FAULTS_PORT_BASE ?? 4700);
	const found: number[] = [];
	for (let port = base; port < base + 100 && found.length < n; port++)
		if (await portIsFree(port)) found.push(port);
	if (found.length < n) throw new Error(`fewer than ${n} free ports in ${base}–${base + 99}`);
	return found;
}

function ensureBuild(buildDir: string): void {
	const handler = join(buildDir, 'handler.js');
	if (existsSync(handler) && !args.build) {
		const age = (Date.now() - statSync(handler).mtimeMs) / 60_000;
		console.log(`build: ${buildDir} (built ${age.toFixed(0)} min ago; --build rebuilds it)`);
		return;
	}
	console.log(`build: building the app into ${buildDir} …`);
	const started = Date.now();
	const result = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit', env: { ...process.env, MINPING_BUILD_OUT: buildDir } }
	);
	if (result.status !== 0) throw new Error(`vite build failed (${result.status})`);
	console.log(`build: done in ${seconds(Date.now() - started)}`);
}

interface Scenario {
	id: string;
	title: string;
	run(ctx: Context): Promise<ScenarioOutcome>;
}

interface ScenarioOutcome {
	facts: string[];
	checks: Check[];
}

interface Context {
	cluster: PrivateCluster;
	databaseUrl: string;
	db: DatabaseHandle;
	sql: postgres.Sql;
	buildDir: string;
	ports: { a: number; b: number };
	/** The instance on port a, started before the scenarios and kept between them. */
	app: RunningApp;
	path: (code: string) => string;
	pathLabel: string;
	sentKeys: Set<string>;
	/** Fault events (epoch ms) and the last burst's attempts, for FAULTS_LOG_DIR. */
	marks: { at: number; what: string }[];
	trace: { start: number; end: number; label: string }[];
}

function mark(ctx: Context, what: string): void {
	ctx.marks.push({ at: Date.now(), what });
}

async function launch(ctx: Pick<Context, 'buildDir' | 'databaseUrl'>, port: number) {
	return startApp({
		buildDir: ctx.buildDir,
		port,
		databaseUrl: ctx.databaseUrl,
		timeoutMs: 60_000,
		env: { SEED_DEMO: 'false', NODE_ENV: 'production' }
	});
}

// ---------------------------------------------------------------------------------------------
// The common shape of a scenario: a campaign, a burst, faults while it runs, then the checks.

async function burstWithFaults(
	ctx: Context,
	campaign: FaultCampaign,
	targets: () => string[],
	faults: (progress: () => number) => Promise<void>,
	burstOptions: { dropShare?: number; fanOutShare?: number; fixedCount?: boolean } = {}
): Promise<{ campaign: FaultCampaign; burst: BurstResult; checks: Check[] }> {
	const cards = campaign.raters.length;
	let taking = true;
	let deadline = Date.now() + limits.totalMs;
	let acked = 0;
	const burstPromise = runBurst({
		campaign,
		targets,
		concurrency: limits.concurrency,
		keepTaking: () => taking,
		get deadline() {
			return deadline;
		},
		requestTimeoutMs: limits.requestTimeoutMs,
		dropShare: burstOptions.dropShare,
		fanOutShare: burstOptions.fanOutShare,
		onAck: () => acked++
	});
	if (!burstOptions.fixedCount) {
		await faults(() => acked);
		taking = false;
		// An app that died (and that nobody restarts) answers nobody: no use waiting for it.
		const dead = ctx.app.child.exitCode !== null || ctx.app.child.signalCode !== null;
		deadline = Date.now() + (dead ? 5_000 : limits.drainMs);
	}
	const burst = await burstPromise;
	ctx.trace = burst.log.trace;
	for (const r of burst.records) ctx.sentKeys.add(r.key);
	const checks = await checkBallots(ctx.sql, campaign, burst, limits.requestTimeoutMs);
	if (!burstOptions.fixedCount && burst.records.length >= cards)
		checks.push({
			name: 'the burst lasted through every fault',
			ok: false,
			detail: `all ${cards} cards were used before the faults ended`
		});
	return { campaign, burst, checks };
}

/**
 * Kills the app on port a `kills` times while a burst runs, a random pause of `pause` ms before
 * each, restarting it every time; keeps the restart times and the ballots acknowledged between a
 * restart and the next kill (all of them above 0: the burst was running at every kill).
 */
function killLoop(ctx: Context, kills: number, pause: [number, number]) {
	const restarts: number[] = [];
	const progressAtKill: number[] = [];
	return {
		progressAtKill,
		async run(progress: () => number) {
			let before = progress();
			for (let i = 0; i < kills; i++) {
				await sleep(between(...pause));
				progressAtKill.push(progress() - before);
				await ctx.app.kill();
				const started = Date.now();
				ctx.app = await launch(ctx, ctx.ports.a);
				restarts.push(Date.now() - started);
				before = progress();
			}
			await sleep(1000);
		},
		summary: () =>
			`${restarts.length} kills; restart to healthy ${seconds(Math.min(...restarts))}–${seconds(Math.max(...restarts))}`,
		runningAtEveryKill: (name: string): Check => ({
			name,
			ok: progressAtKill.length === kills && progressAtKill.every((n) => n > 0),
			detail: progressAtKill.join(', ')
		})
	};
}

function describeBurst(burst: BurstResult): string[] {
	const r = burst.records;
	const acked = r.filter((x) => x.acked);
	const outcomes = [...burst.log.outcomes]
		.sort((a, b) => b[1] - a[1])
		.map(([k, n]) => {
			const slowest = burst.log.slowest.get(k);
			return `${k}: ${n}${slowest !== undefined ? ` (slowest ${seconds(slowest)})` : ''}`;
		})
		.join(', ');
	const lat = burst.log.latencies;
	const lines = [
		`ballots: ${r.length} sent, ${acked.length} acknowledged (${acked.filter((x) => !x.firstStore).length} only as a repeat of a stored one), ${r.filter((x) => x.refusal).length} refused, in ${seconds(burst.ms)}`,
		`attempts: ${r.reduce((s, x) => s + x.attempts, 0)} (${outcomes})`,
		`answered by: ${[...burst.log.routes].map(([k, n]) => `${k} route ${n}`).join(', ') || 'nothing'}`,
		`latency: p50 ${percentile(lat, 50).toFixed(0)} ms, p99 ${percentile(lat, 99).toFixed(0)} ms, max ${seconds(Math.max(0, ...lat))}`
	];
	for (const s of burst.log.samples.slice(0, 3))
		lines.push(`sample answer: ${s.replace(/\s+/g, ' ')}`);
	return lines;
}

/** For scenarios where the database never fails: a 5xx is a bug, not the fault's doing. */
/** The check that the app answers /healthz within 30 s. */
async function answersHealth(url: string, name: string): Promise<Check> {
	const healthy = await healthyWithin(url, 30_000);
	return {
		name,
		ok: healthy !== null,
		detail: healthy === null ? 'no 200 within 30 s' : `in ${healthy} ms`
	};
}

function no5xx(burst: BurstResult, since = 0): Check {
	const bad = burst.log.trace.filter((t) => t.start >= since && /^5\d\d$/.test(t.label));
	const slow = Math.max(0, ...bad.map((t) => t.end - t.start));
	return {
		name: since
			? 'after recovery: no 5xx answer'
			: 'no 5xx answer (the database never failed here)',
		ok: bad.length === 0,
		detail:
			bad.length === 0
				? '0'
				: `${bad.length} answers ${[...new Set(bad.map((t) => t.label))].join('/')}, slowest ${seconds(slow)}`
	};
}

/** Known causes, recognised in an app's log (docs/FAULTS.md, "What the fault runs found"). */
const diagnoses: [RegExp, string][] = [
	[
		/reading 'write'\)[\s\S]*nextWrite/,
		'postgres.js 3.4.9 wrote to a closed socket and crashed the process (porsager/postgres#1208): FAULTS.md finding 2'
	],
	[
		/CONNECT_TIMEOUT/,
		'a pooled connection timed out connecting (a connection left broken by postgres.js after a restart?): FAULTS.md finding 2'
	]
];

function appErrors(app: RunningApp): string[] {
	const text = app.log.join('');
	const known = diagnoses
		.filter(([pattern]) => pattern.test(text))
		.map(([, why]) => `diagnosis: ${why}`);
	return [...known, ...appLogLines(app).map((line) => `app log: ${line.slice(0, 300)}`)];
}

function appLogLines(app: RunningApp): string[] {
	const lines = app.log.join('').split('\n');
	// An app that died: its last words. One that lives: a few of the errors it logged.
	if (app.child.exitCode !== null || app.child.signalCode !== null)
		return [
			`exited (code ${app.child.exitCode}, signal ${app.child.signalCode}); its log ends:`,
			...lines.slice(-25)
		];
	return lines.filter((l) => /error|unhandled|threw/i.test(l)).slice(-3);
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

const killApp: Scenario = {
	id: 'a',
	title: `kill -9 the app ${plan.kills} times during a ballot burst, restarting it each time`,
	async run(ctx) {
		const facts: string[] = [];
		const kills = killLoop(ctx, plan.kills, [600, 1600]);
		const { burst, checks } = await burstWithFaults(
			ctx,
			await openFaultCampaign(ctx.db.db, 'faults a: kill -9', cardsFor.faultsAB, ctx.path),
			() => [ctx.app.url],
			kills.run
		);
		facts.push(
			`faults: ${kills.summary()}`,
			`acknowledged between restart and kill: ${kills.progressAtKill.join(', ')}`,
			...describeBurst(burst)
		);
		checks.push(no5xx(burst));
		checks.push(
			kills.runningAtEveryKill(
				'the burst was running at every kill (ballots acknowledged since the last restart)'
			)
		);
		checks.push(
			await answersHealth(ctx.app.url, 'the app answers /healthz after the last restart')
		);
		return { facts, checks };
	}
};

const restartPostgres: Scenario = {
	id: 'b',
	title: `restart PostgreSQL (${plan.pgRestarts.join(', ')}) during a burst; the app must recover alone`,
	async run(ctx) {
		const facts: string[] = [];
		const pid = ctx.app.child.pid;
		let afterLast = 0;
		let recovered = 0;
		const downtimes: string[] = [];
		const { burst, checks } = await burstWithFaults(
			ctx,
			await openFaultCampaign(
				ctx.db.db,
				'faults b: PostgreSQL restarts',
				cardsFor.faultsAB,
				ctx.path
			),
			() => [ctx.app.url],
			async (progress) => {
				for (const mode of plan.pgRestarts) {
					await sleep(between(1000, 2000));
					const started = Date.now();
					mark(ctx, `stop ${mode}`);
					await ctx.cluster.stop(mode);
					mark(ctx, 'stopped');
					await sleep(between(1000, 2500));
					mark(ctx, 'start');
					await ctx.cluster.start();
					mark(ctx, 'started');
					downtimes.push(`${mode} ${seconds(Date.now() - started)}`);
				}
				const before = progress();
				await sleep(3000);
				afterLast = progress() - before;
				recovered = Date.now();
				// A few more seconds of traffic on the recovered app: it must be whole again.
				await sleep(4000);
			}
		);
		facts.push(`faults: ${downtimes.join(', ')} (stop → start)`, ...describeBurst(burst));
		checks.push({
			name: 'the same app process took ballots again after the last restart, unaided',
			ok: afterLast > 0 && ctx.app.child.pid === pid && ctx.app.child.exitCode === null,
			detail: `${afterLast} acknowledged in the 3 s after; pid ${pid} ${ctx.app.child.exitCode === null ? 'still running' : 'EXITED'}`
		});
		// Once recovered, the app must be as good as before: no errors, no slow answers (a pooled
		// connection left broken by the restart would show as 500s after a connect timeout).
		checks.push(no5xx(burst, recovered || Date.now()));
		const late = burst.log.trace.filter((t) => t.start >= (recovered || Date.now()));
		const slowest = Math.max(0, ...late.map((t) => t.end - t.start));
		checks.push({
			name: 'after recovery: every answer within 5 s',
			ok: late.length > 0 && slowest <= 5000,
			detail: `${late.length} attempts, slowest ${seconds(slowest)}`
		});
		// A process that exited will not answer: no use waiting 30 s for it.
		const exited = ctx.app.child.exitCode !== null || ctx.app.child.signalCode !== null;
		const healthy = exited ? null : await healthyWithin(ctx.app.url, 30_000);
		checks.push({
			name: 'the app answers /healthz again by itself',
			ok: healthy !== null,
			detail: exited
				? 'the process had exited'
				: healthy === null
					? 'no 200 within 30 s'
					: `in ${healthy} ms`
		});
		facts.push(...appErrors(ctx.app));
		return { facts, checks };
	}
};

const dropConnections: Scenario = {
	id: 'c',
	title: `${plan.drops} clients drop the connection right after sending the body, then retry`,
	async run(ctx) {
		const pid = ctx.app.child.pid;
		const { burst, checks } = await burstWithFaults(
			ctx,
			await openFaultCampaign(ctx.db.db, 'faults c: dropped connections', plan.drops, ctx.path),
			() => [ctx.app.url],
			async () => {},
			{ dropShare: 1, fixedCount: true }
		);
		checks.push(no5xx(burst));
		const dropped = burst.records.filter((r) => r.dropped > 0);
		const completed = dropped.filter((r) => r.acked && !r.firstStore).length;
		const facts = [
			`faults: ${dropped.length} first sends cut off 0–10 ms after the body was flushed`,
			`the server had stored ${completed} of them anyway (their retry got the same ballot's receipt, 200), the rest were stored by the retry (201)`,
			...describeBurst(burst)
		];
		checks.push({
			// A drop timed after the whole answer had arrived is no drop; a fast server answers
			// some within the 0–10 ms window, so most, not all, of the first sends must be cut off.
			name: 'the first sends were dropped (≥ 75%), and the app kept running',
			ok:
				dropped.length >= plan.drops * 0.75 &&
				ctx.app.child.pid === pid &&
				ctx.app.child.exitCode === null,
			detail: `${dropped.length} of ${plan.drops} dropped; app ${ctx.app.child.exitCode === null ? 'running' : 'EXITED'}`
		});
		checks.push(await answersHealth(ctx.app.url, 'the app answers /healthz'));
		return { facts, checks };
	}
};

const twoInstances: Scenario = {
	id: 'd',
	title: `two app instances on one database, the burst spread over both, one killed ${plan.instanceKills} times`,
	async run(ctx) {
		let second = await launch(ctx, ctx.ports.b);
		const up = { a: true, b: true };
		const kills: string[] = [];
		try {
			const { burst, checks } = await burstWithFaults(
				ctx,
				await openFaultCampaign(
					ctx.db.db,
					'faults d: two instances',
					quick ? 8000 : 20000,
					ctx.path
				),
				() => [ctx.app.url, second.url],
				async (progress) => {
					for (let i = 0; i < plan.instanceKills; i++) {
						await sleep(between(1000, 2000));
						const which = i % 2 === 0 ? 'a' : 'b';
						const before = progress();
						if (which === 'a') await ctx.app.kill();
						else await second.kill();
						up[which] = false;
						// The other instance carries the burst alone for a moment.
						await sleep(1000);
						if (which === 'a') ctx.app = await launch(ctx, ctx.ports.a);
						else second = await launch(ctx, ctx.ports.b);
						up[which] = true;
						kills.push(`${which} (+${progress() - before} acknowledged while down/restarting)`);
					}
					await sleep(1000);
				},
				{ fanOutShare: 0.1 }
			);
			checks.push(no5xx(burst));
			const fannedOut = burst.records.filter((r) => r.attempts >= 2 && r.receipts.size > 0);
			const facts = [
				`faults: killed ${kills.join(', ')}`,
				`10% of keys were first sent to both instances at once (${fannedOut.length} keys sent twice or more)`,
				...describeBurst(burst)
			];
			const [ha, hb] = await Promise.all([
				healthyWithin(ctx.app.url, 30_000),
				healthyWithin(second.url, 30_000)
			]);
			checks.push({
				name: 'both instances answer /healthz',
				ok: ha !== null && hb !== null,
				detail: `a ${ha === null ? 'DOWN' : 'ok'}, b ${hb === null ? 'DOWN' : 'ok'}`
			});
			return { facts, checks };
		} finally {
			await second.stop();
		}
	}
};

const jurorSessions: Scenario = {
	id: 'e',
	title: `signed-in jurors (POST /api/ballots/<id>): the app killed ${plan.jurorKills} times, 30% of first sends dropped`,
	async run(ctx) {
		const kills = killLoop(ctx, plan.jurorKills, [1000, 2000]);
		const { burst, checks } = await burstWithFaults(
			ctx,
			// Enough jurors that the burst outlasts every kill (a faster app needs more).
			await openJurorCampaign(ctx.db.db, 'faults e: jurors', quick ? 5000 : 15000),
			() => [ctx.app.url],
			kills.run,
			{ dropShare: 0.3 }
		);
		const facts = [
			`faults: ${kills.summary()}; ${burst.records.filter((r) => r.dropped > 0).length} first sends dropped`,
			...describeBurst(burst)
		];
		checks.push(no5xx(burst));
		checks.push(kills.runningAtEveryKill('the burst was running at every kill'));
		checks.push(
			await answersHealth(ctx.app.url, 'the app answers /healthz after the last restart')
		);
		return { facts, checks };
	}
};

const scenarios = [killApp, restartPostgres, dropConnections, twoInstances, jurorSessions];

// ---------------------------------------------------------------------------------------------
// Run.

/** Scenario verdicts so far (the watchdog reports them too). */
const results: { label: string; ok: boolean }[] = [];

async function main(): Promise<number> {
	const wanted = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;
	const chosen = scenarios.filter((s) => !wanted || wanted.has(s.id));
	if (chosen.length === 0) throw new Error(`--only ${args.only}: no such scenario (a, b, c, d, e)`);
	const started = Date.now();
	console.log(
		`test:faults${quick ? ' --quick' : ''}: ${chosen.length} scenarios × ${ballotPaths.length} ballot path(s), limit ${seconds(limits.totalMs)}`
	);
	const buildDir = process.env.MINPING_BUILD_DIR || 'build-faults';
	ensureBuild(buildDir);
	// Bounded whatever happens: past the limit (the build excluded) the run stops and fails.
	setTimeout(() => {
		console.error(`\ntest:faults: over the time limit (${seconds(limits.totalMs)}), stopping`);
		const passed = results.filter((r) => r.ok).length;
		console.log(`${passed} passed, ${results.length - passed + 1} failed`);
		process.exit(1);
	}, limits.totalMs).unref();

	const [pgPort, portA, portB] = await freePorts(3);
	const cluster = await createPrivateCluster(pgPort);
	const cleanUp = () => cluster.destroy();
	process.once('exit', cleanUp);
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => {
			console.error(`test:faults: ${signal}, cleaning up`);
			process.exit(130);
		});
	console.log(`postgres: private cluster on 127.0.0.1:${pgPort} (${cluster.dataDir}), fsync on`);

	const admin = postgres(cluster.serverUrl, { max: 1, onnotice: () => {} });
	await admin`create database minping_faults`;
	await admin.end();
	const databaseUrl = cluster.serverUrl.replace(/\/postgres$/, '/minping_faults');
	const db = openDatabase({ url: databaseUrl, maxConnections: 4 });
	await db.migrate();
	const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
	const app = await launch({ buildDir, databaseUrl }, portA);
	console.log(`app: ${app.url} (start ${seconds(app.startMs)})`);

	const ctx: Context = {
		cluster,
		databaseUrl,
		db,
		sql,
		buildDir,
		ports: { a: portA, b: portB },
		app,
		path: pathFor(ballotPaths[0]),
		pathLabel: ballotPaths[0],
		sentKeys: new Set(),
		marks: [],
		trace: []
	};
	for (const template of ballotPaths) {
		ctx.path = pathFor(template);
		ctx.pathLabel = template;
		for (const scenario of chosen) {
			// The juror path does not depend on --path: once is enough.
			if (scenario.id === 'e' && template !== ballotPaths[0]) continue;
			const label = `${scenario.id}${ballotPaths.length > 1 ? ` [${template}]` : ''}`;
			console.log(`\n── ${label}. ${scenario.title}`);
			console.log(
				`   POST ${scenario.id === 'e' ? '/api/ballots/<campaignId>' : template}, ${limits.concurrency} concurrent clients`
			);
			const t0 = Date.now();
			let outcome: ScenarioOutcome;
			try {
				outcome = await scenario.run(ctx);
			} catch (error) {
				outcome = {
					facts: [],
					checks: [{ name: 'the scenario ran to the end', ok: false, detail: String(error) }]
				};
			}
			if (scenario.id !== 'b' && !outcome.checks.every((c) => c.ok))
				outcome.facts.push(...appErrors(ctx.app));
			// Leave a working app for the next scenario (after a crash the report says so).
			if (ctx.app.child.exitCode !== null || ctx.app.child.signalCode !== null) {
				outcome.facts.push('the app had exited: started again for the next scenario');
				ctx.app = await launch(ctx, portA).catch(() => ctx.app);
			}
			if (process.env.FAULTS_LOG_DIR) {
				mkdirSync(process.env.FAULTS_LOG_DIR, { recursive: true });
				const file = join(process.env.FAULTS_LOG_DIR, `app-${scenario.id}.log`);
				writeFileSync(file, ctx.app.log.join(''));
				const trace = join(process.env.FAULTS_LOG_DIR, `trace-${scenario.id}.json`);
				writeFileSync(trace, JSON.stringify({ marks: ctx.marks, attempts: ctx.trace }));
				outcome.facts.push(`app log and attempt trace written to ${file}, ${trace}`);
			}
			ctx.marks = [];
			for (const fact of outcome.facts) console.log(`   ${fact}`);
			for (const check of outcome.checks)
				console.log(`   ${check.ok ? '✔' : '✘'} ${check.name}: ${check.detail}`);
			const ok = outcome.checks.every((c) => c.ok);
			console.log(`   ${ok ? 'PASS' : 'FAIL'} (${seconds(Date.now() - t0)})`);
			results.push({ label, ok });
		}
	}

	// Across all scenarios: no submission in the database that no client sent.
	const all = await sql<{ key: string }[]>`select idempotency_key as key from submission`;
	const foreign = all.filter((s) => !ctx.sentKeys.has(s.key)).length;
	console.log(
		`\nwhole database: ${all.length} submissions, ${foreign} with a key no client sent${foreign ? ' ✘' : ' ✔'}`
	);
	if (foreign) results.push({ label: 'whole database', ok: false });

	await ctx.app.stop();
	closeAgents();
	await sql.end({ timeout: 5 });
	await db.close();
	cleanUp();
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\ntest:faults took ${seconds(Date.now() - started)}`);
	if (failed)
		console.log(
			`failed: ${results
				.filter((r) => !r.ok)
				.map((r) => r.label)
				.join(', ')}`
		);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error('test:faults: could not run:', error);
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
);

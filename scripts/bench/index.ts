// `npm run bench [-- --quick] [--only a,b] [--out file] [--build-dir dir]`
// Builds the app once into build-bench/ (unless fresh), then runs the benchmark sections in order
// (baselines first, then each area's), each in its own child process with a time budget, and writes
// docs/PERFORMANCE.md (full run) or prints the table (quick run; writes only with --out).
// Exit code 1 when a section failed to run; missed targets are printed, not an error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ensureBuild } from './build';
import { formatValue, renderConsole, renderMarkdown, sectionTitle, type RunInfo } from './report';
import type { SectionJob } from './run-section';
import type { BenchRow } from './types';

interface SectionSpec {
	name: string;
	file: string;
	exportName: string;
	/** Seconds the section may run: full run, quick run. */
	budget: { full: number; quick: number };
}

/**
 * In order. The budgets add up to 42 minutes (full; 12 of them the broadcast screen's soak) and
 * about 6 minutes (quick); a section past its budget is killed with everything it started and
 * reported as failed. A full trends run fits only when its 20-million-ballot database was seeded
 * before (see scripts/bench/trends.ts).
 */
const sections: SectionSpec[] = [
	{
		name: 'baseline',
		file: 'scripts/bench/baselines.ts',
		exportName: 'baselines',
		budget: { full: 150, quick: 35 }
	},
	{
		name: 'embedded',
		file: 'scripts/bench/embedded.ts',
		exportName: 'embedded',
		budget: { full: 200, quick: 65 }
	},
	{
		name: 'app',
		file: 'scripts/bench/app-postgres.ts',
		exportName: 'appOnPostgres',
		budget: { full: 150, quick: 40 }
	},
	{
		name: 'ballots',
		file: 'scripts/bench/ballots.ts',
		exportName: 'ballots',
		budget: { full: 270, quick: 35 }
	},
	{
		name: 'tv-burst',
		file: 'scripts/bench/tv-burst.ts',
		exportName: 'tvBurst',
		budget: { full: 270, quick: 35 }
	},
	{
		name: 'live',
		file: 'scripts/bench/live.ts',
		exportName: 'live',
		budget: { full: 270, quick: 35 }
	},
	{
		name: 'trends',
		file: 'scripts/bench/trends.ts',
		exportName: 'trends',
		budget: { full: 480, quick: 50 }
	},
	{
		name: 'screen',
		file: 'scripts/bench/screen-soak.ts',
		exportName: 'screen',
		budget: { full: 700, quick: 60 }
	}
];

const usage = `Usage: npm run bench -- [--quick] [--only <section,…>] [--out <file>] [--build-dir <dir>]
  --quick        a short run (seconds of load per figure) that CI runs; prints the table
  --only a,b     run only these sections: ${sections.map((s) => s.name).join(', ')}
  --out FILE     write the report there (full runs write docs/PERFORMANCE.md by default)
  --build-dir D  the app build to measure (default build-bench/, built when missing or stale)
Environment: BENCH_DATABASE_URL names the PostgreSQL server for scratch databases
(default postgres://postgres@127.0.0.1:5432/postgres); BENCH_BUDGET_<SECTION>=seconds changes one
section's time budget (BENCH_BUDGET_TV_BURST=400), BENCH_BUDGET_SCALE=2 multiplies them all.`;

let values: {
	quick: boolean;
	only?: string;
	out?: string;
	'build-dir': string;
	help: boolean;
};
try {
	({ values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			only: { type: 'string' },
			out: { type: 'string' },
			'build-dir': { type: 'string', default: 'build-bench' },
			help: { type: 'boolean', short: 'h', default: false }
		}
	}));
} catch (error) {
	console.error(`minping bench: ${(error as Error).message}\n${usage}`);
	process.exit(2);
}
if (values.help) {
	console.log(usage);
	process.exit(0);
}

const quick = values.quick;
let chosen = sections;
if (values.only) {
	const names = values.only.split(',').map((name) => name.trim());
	const unknown = names.filter((name) => !sections.some((s) => s.name === name));
	if (unknown.length) {
		console.error(`minping bench: unknown section(s) ${unknown.join(', ')}\n${usage}`);
		process.exit(2);
	}
	chosen = sections.filter((s) => names.includes(s.name));
}
const outFile = values.out ?? (quick ? undefined : 'docs/PERFORMANCE.md');
const buildDir = values['build-dir'];
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const databasePrefix = `mp_bench_${process.pid}_`;
const tempDir = mkdtempSync(join(os.tmpdir(), 'minping-bench-'));
const log = (message: string) => console.log(`minping bench: ${message}`);

// Whatever happens, nothing this run started stays behind.
let currentSection: { pid: number } | null = null;
let cleanedUp = false;
let stopping = false;
async function cleanUp() {
	if (cleanedUp) return;
	cleanedUp = true;
	if (currentSection) killTree(currentSection.pid);
	await dropScratchDatabases().catch((error) =>
		console.error(`minping bench: could not drop the scratch databases: ${error.message}`)
	);
	rmSync(tempDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`minping bench: ${signal}, stopping`);
		stopping = true;
		void cleanUp().finally(() => process.exit(130));
	});
}

const started = performance.now();
const loadBefore = os.loadavg();
let buildNote: string;
try {
	const build = ensureBuild(buildDir, log);
	buildNote = build.built
		? `${buildDir}/, built for this run (${build.seconds.toFixed(0)} s)`
		: `${buildDir}/, up to date with the sources`;
} catch (error) {
	console.error(`minping bench: ${(error as Error).message}; nothing measured.`);
	await cleanUp();
	process.exit(1);
}
const measuringStarted = performance.now();

const rows: BenchRow[] = [];
for (const spec of chosen) {
	if (stopping) break;
	const budgetS = sectionBudget(spec);
	log(`${sectionTitle(spec.name)} — ${spec.file} (budget ${budgetS} s)`);
	const sectionStarted = performance.now();
	const got = await runSection(spec, budgetS * 1000);
	if (stopping) break;
	rows.push(...got);
	log(`${spec.name} done in ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s`);
}
// Interrupted: the signal handler cleans up and exits; no report from a partial run.
if (stopping) await new Promise(() => {});
const loadAfter = os.loadavg();
await cleanUp();

const info: RunInfo = {
	date: new Date(),
	quick,
	cpu: os.cpus()[0]?.model ?? 'unknown CPU',
	cores: os.cpus().length,
	ramGb: os.totalmem() / 1024 ** 3,
	node: process.version,
	postgres: await postgresVersion(),
	commit: gitCommit(),
	loadBefore,
	loadAfter,
	totalSeconds: (performance.now() - measuringStarted) / 1000,
	build: buildNote,
	command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
};

console.log('');
console.log(renderConsole(rows));
console.log('');
const failed = rows.filter((row) => row.error);
const missed = rows.filter((row) => !row.error && row.met === false);
if (outFile) {
	writeFileSync(outFile, await formatted(outFile, renderMarkdown(rows, info)));
	log(`wrote ${outFile}`);
}
if (missed.length) {
	const heading = quick ? 'targets missed (quick run: informational)' : 'TARGETS MISSED';
	console.log(`minping bench: ${heading}:`);
	for (const row of missed)
		console.log(`  ✗ ${row.section}: ${row.metric} = ${formatValue(row)} (target ${row.target})`);
}
if (failed.length) {
	console.log(`minping bench: ${failed.length} measurement(s) FAILED to run:`);
	for (const row of failed) console.log(`  ! ${row.section}: ${row.metric}: ${row.error}`);
}
log(
	`${rows.length} rows, ${failed.length} failed, ${missed.length} targets missed, ` +
		`${((performance.now() - started) / 1000).toFixed(0)} s in all`
);
process.exit(failed.length ? 1 : 0);

/** The report as Prettier writes it, so `npm run lint` passes on a fresh docs/PERFORMANCE.md. */
async function formatted(file: string, markdown: string): Promise<string> {
	try {
		const prettier = await import('prettier');
		const options = (await prettier.resolveConfig(file)) ?? {};
		return await prettier.format(markdown, { ...options, filepath: file });
	} catch (error) {
		log(
			`could not format the report with Prettier (${(error as Error).message}); writing it as is`
		);
		return markdown;
	}
}

/**
 * Seconds for a section: its budget, or BENCH_BUDGET_<NAME> (e.g. BENCH_BUDGET_TRENDS=900), times
 * BENCH_BUDGET_SCALE (e.g. 2 on a slower machine).
 */
function sectionBudget(spec: SectionSpec): number {
	const own = Number(process.env[`BENCH_BUDGET_${spec.name.toUpperCase().replace(/-/g, '_')}`]);
	const scale = Number(process.env.BENCH_BUDGET_SCALE);
	const base = own > 0 ? own : quick ? spec.budget.quick : spec.budget.full;
	return Math.round(base * (scale > 0 ? scale : 1));
}

/** Runs one section in its own process group; its rows, or one failed row. */
async function runSection(spec: SectionSpec, budgetMs: number): Promise<BenchRow[]> {
	const failedRow = (error: string): BenchRow[] => [
		{
			section: spec.name,
			metric: `section ${spec.name} (${spec.file})`,
			value: NaN,
			unit: '',
			error
		}
	];
	if (!existsSync(spec.file)) return failedRow(`${spec.file} does not exist (not written yet)`);
	const resultFile = join(tempDir, `${spec.name}.json`);
	const job: SectionJob = {
		name: spec.name,
		file: spec.file,
		exportName: spec.exportName,
		resultFile,
		context: { quick, serverUrl, buildDir, earlier: rows, budgetMs, databasePrefix, tempDir }
	};
	const child = spawn(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'scripts/bench/run-section.ts'],
		{
			env: { ...process.env, MINPING_BENCH_JOB: JSON.stringify(job) },
			stdio: ['ignore', 'inherit', 'inherit'],
			detached: true
		}
	);
	currentSection = { pid: child.pid! };
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		console.error(
			`minping bench: ${spec.name} ran past its ${budgetMs / 1000} s budget, killing it`
		);
		killTree(child.pid!);
	}, budgetMs);
	const exit = await new Promise<{ code: number | null; signal: string | null }>((done) =>
		child.once('exit', (code, signal) => done({ code, signal }))
	);
	clearTimeout(timer);
	// An app server, load generator or browser the section left running dies with it.
	killTree(child.pid!);
	currentSection = null;
	if (timedOut) return failedRow(`ran past its ${budgetMs / 1000} s time budget and was stopped`);
	if (!existsSync(resultFile))
		return failedRow(
			`the section's process ended without results (exit ${exit.code ?? exit.signal})`
		);
	const got = JSON.parse(readFileSync(resultFile, 'utf8')) as BenchRow[];
	return got.map((row) => ({ ...row, value: typeof row.value === 'number' ? row.value : NaN }));
}

/** SIGKILL a process, its process group and every descendant (a browser may start its own group). */
function killTree(pid: number) {
	const descendants = descendantsOf(pid);
	for (const target of [pid, ...descendants]) {
		try {
			process.kill(target, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// no such group left
	}
}

function descendantsOf(root: number): number[] {
	const parents = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name may hold spaces and parentheses: the fields follow the last ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const children = parents.get(ppid) ?? [];
			children.push(Number(entry));
			parents.set(ppid, children);
		} catch {
			// exited meanwhile
		}
	}
	const found: number[] = [];
	const queue = [root];
	while (queue.length) {
		for (const child of parents.get(queue.shift()!) ?? []) {
			found.push(child);
			queue.push(child);
		}
	}
	return found;
}

async function dropScratchDatabases() {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		const names = await admin<{ datname: string }[]>`
			select datname from pg_database where starts_with(datname, ${databasePrefix})`;
		for (const { datname } of names) {
			await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		}
	} finally {
		await admin.end({ timeout: 5 });
	}
}

async function postgresVersion(): Promise<string> {
	const client = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		const [row] = await client<{ version: string }[]>`select version()`;
		return row.version.replace(/ on .*$/, '');
	} catch (error) {
		return `not reachable at ${redact(serverUrl)} (${(error as Error).message})`;
	} finally {
		await client.end({ timeout: 5 });
	}
}

function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'an unparseable URL';
	}
}

function gitCommit(): string {
	const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
	if (head.status !== 0) return 'unknown (not a git checkout)';
	const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
		encoding: 'utf8'
	});
	return `${head.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes in the working tree)' : ''}`;
}

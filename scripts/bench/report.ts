// Turns the rows of one run into docs/PERFORMANCE.md and into the table printed on the console.
import type { BenchRow } from './types';

export interface RunInfo {
	date: Date;
	quick: boolean;
	cpu: string;
	cores: number;
	ramGb: number;
	node: string;
	postgres: string;
	commit: string;
	loadBefore: number[];
	loadAfter: number[];
	totalSeconds: number;
	build: string;
	command: string;
}

const sectionTitles: Record<string, string> = {
	baseline: 'Baselines (same machine, same run)',
	embedded: 'Embedded database (PGlite)',
	start: 'Start time',
	page: 'Ballot form page weight',
	memory: 'Server memory (RSS, idle)',
	ballots: 'Ballots on PostgreSQL',
	'tv-burst': 'TV-audience burst',
	live: 'Live broadcast',
	trends: 'Trend dashboards'
};

export function formatValue(row: BenchRow): string {
	if (row.error || !Number.isFinite(row.value)) return '—';
	const abs = Math.abs(row.value);
	const digits = Number.isInteger(row.value) || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
	const number = row.value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return `${number} ${row.unit}`;
}

function metText(row: BenchRow): string {
	if (row.error) return 'failed';
	if (row.met === undefined) return '';
	return row.met ? '✓' : '✗';
}

function noteText(row: BenchRow): string {
	return row.error ? `failed: ${row.error}` : (row.note ?? '');
}

/** Sections in the order their first row appeared. */
function groupBySection(rows: BenchRow[]): [string, BenchRow[]][] {
	const groups = new Map<string, BenchRow[]>();
	for (const row of rows) {
		const group = groups.get(row.section) ?? [];
		group.push(row);
		groups.set(row.section, group);
	}
	return [...groups];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function markdownTable(rows: BenchRow[]): string {
	const lines = [
		'| metric | value | baseline | target | met | note |',
		'| --- | --: | --- | --- | :-: | --- |'
	];
	for (const row of rows) {
		lines.push(
			`| ${[
				row.metric,
				formatValue(row),
				row.baseline ?? '',
				row.target ?? '',
				metText(row),
				noteText(row)
			]
				.map(cell)
				.join(' | ')} |`
		);
	}
	return lines.join('\n');
}

export function sectionTitle(section: string): string {
	return sectionTitles[section] ?? section;
}

export function renderMarkdown(rows: BenchRow[], info: RunInfo): string {
	const failed = rows.filter((row) => row.error);
	const missed = rows.filter((row) => !row.error && row.met === false);
	const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
	const out: string[] = [
		'# Performance',
		'',
		`<!-- Written by \`npm run bench\` (scripts/bench/). Do not edit by hand: rerun it. -->`,
		''
	];
	if (info.quick)
		out.push(
			'> **Quick run** (`npm run bench -- --quick`): seconds of load per figure, not minutes. Its',
			'> numbers show that every measurement runs; they are not the figures to judge targets by.',
			''
		);
	out.push(
		'| run | |',
		'| --- | --- |',
		`| date | ${info.date
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' UTC')} |`,
		`| command | \`${info.command}\` (${info.quick ? 'quick' : 'full'} run, measuring took ${Math.round(info.totalSeconds)} s) |`,
		`| machine | ${cell(info.cpu)}, ${info.cores} cores, ${info.ramGb.toFixed(1)} GB RAM |`,
		`| load average (1/5/15 min) | before ${load(info.loadBefore)}; after ${load(info.loadAfter)} |`,
		`| Node.js | ${info.node} |`,
		`| PostgreSQL | ${cell(info.postgres)} |`,
		`| commit | ${info.commit} |`,
		`| build | ${info.build} |`,
		''
	);
	out.push(
		'## How to read this',
		'',
		'Every figure below was measured in this run, on this machine, with the load generator on the',
		'same machine (loopback only), next to the baselines it is judged against: **H**, a plain',
		'`node:http` hello world, and **P**, PostgreSQL single-row INSERTs each in its own commit, 50 at',
		'a time through postgres.js. A ratio to H or P says how much of the machine a path uses,',
		'whatever the machine. *value* is the measured figure, *baseline* the figure from this run it is',
		'compared with, *target* the target from the issue, *met* ✓ or ✗; *failed* means the',
		'measurement could not be made (the note says why) — no number is shown for it.',
		'',
		'How it is measured: HTTP throughput uses 50 keep-alive connections for 10 s after a 2 s',
		'warm-up (quick run: 3 s after 1 s), autocannon for fixed requests and, for ballots (each',
		'needs its own card or session and idempotency key), a lean keep-alive client of its own',
		'(`scripts/bench/raw-http.ts`, ~0.05 ms CPU per ballot; the embedded section uses',
		'`node:http`); a ballot counts only when its 2xx arrived, which the app sends after the',
		'commit. The load generator shares the cores with the app and PostgreSQL: its CPU time is',
		"the measurement's cost, and the server and PostgreSQL CPU per ballot are reported so a",
		"reader can see where a ballot's time goes. The app is the production build",
		'(`scripts/serve.js`, adapter-node) started as a child process on a fresh scratch database',
		'(PostgreSQL) or a fresh data folder (PGlite); start time runs from spawning the process to',
		'the first healthy `/healthz`. RSS is read from `/proc/<pid>/status` of the server process.',
		'Page weight is what Chromium loads for the ballot form, every JavaScript response gzip-sized.',
		'A busy machine lowers throughput and raises latencies: compare the load average above.',
		'Server CPU time per request or ballot (user + system, from `/proc/<pid>/stat`) moves much',
		'less with other load: 1,000 ÷ it is how many one whole core could serve.',
		''
	);
	if (failed.length || missed.length) {
		out.push('## Summary', '');
		for (const row of failed)
			out.push(`- **failed** — ${sectionTitle(row.section)}: ${row.metric}: ${cell(row.error!)}`);
		for (const row of missed)
			out.push(
				`- **target missed** — ${sectionTitle(row.section)}: ${row.metric}: ${formatValue(row)} (target ${row.target})`
			);
		out.push('');
	}
	for (const [section, group] of groupBySection(rows)) {
		out.push(`## ${sectionTitle(section)}`, '', markdownTable(group), '');
	}
	return out.join('\n');
}

/** A plain-text table for the console. */
export function renderConsole(rows: BenchRow[]): string {
	const header = ['section', 'metric', 'value', 'baseline', 'target', 'met', 'note'];
	const body = rows.map((row) => [
		row.section,
		row.metric,
		formatValue(row),
		row.baseline ?? '',
		row.target ?? '',
		metText(row),
		noteText(row)
	]);
	const widths = header.map((_, i) =>
		Math.min(i === 6 ? 200 : 48, Math.max(...[header, ...body].map((line) => line[i].length)))
	);
	const line = (cells: string[]) =>
		cells
			.map((text, i) =>
				i === 2 ? text.padStart(widths[i]) : i === 6 ? text : text.padEnd(widths[i])
			)
			.join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

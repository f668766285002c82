// The contract between `npm run bench` (index.ts) and its sections (one file per area).
// A section measures its figures, each with the baseline or target it is judged against, and
// returns rows; index.ts runs the sections in order and writes docs/PERFORMANCE.md.

export interface BenchContext {
	/** `npm run bench -- --quick`: a short run for CI (seconds, not minutes); same code paths. */
	quick: boolean;
	/** PostgreSQL server URL to create scratch databases on (postgres://postgres@127.0.0.1:5432/postgres). */
	serverUrl: string;
	/** The built app the sections start (scripts/serve.js with MINPING_BUILD_DIR=buildDir). */
	buildDir: string;
	/** Writes one progress line to the console (never into the report). */
	log(message: string): void;
}

export interface BenchRow {
	/** The issue area: 'baseline', 'ballots', 'tv-burst', 'embedded', 'start', 'page', 'memory', 'live', 'trends'. */
	section: string;
	/** What was measured, in words a reader understands ("durable ballots per second over HTTP"). */
	metric: string;
	value: number;
	/** 'req/s', 'ballots/s', 'ms', 'MB', 'KB', 's', '×', 'count'. */
	unit: string;
	/** The figure this one is compared with in the same run, e.g. "P = 8,120 rows/s". */
	baseline?: string;
	/** The target from the issue, as text ("≥ 0.6 × P", "≤ 150 ms"). */
	target?: string;
	/** Whether the target was met; undefined when the row has no target. */
	met?: boolean;
	/** How it was measured (concurrency, duration, counts) — one short sentence. */
	note?: string;
}

export type BenchSection = (context: BenchContext) => Promise<BenchRow[]>;

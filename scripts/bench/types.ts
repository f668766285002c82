// The contract between `npm run bench` (index.ts) and its sections (one file per area).
// A section measures its figures, each with the baseline or target it is judged against, and
// returns rows; index.ts runs the sections in order and writes docs/PERFORMANCE.md.
//
// How index.ts runs a section: each section runs in its own child process (scripts/bench/
// run-section.ts, its own process group), one after another, never two at once. The section's
// module is imported there and its exported function called with a BenchContext; the rows it
// returns are handed back to index.ts. When the section throws, is missing, or runs past
// `budgetMs`, index.ts records one row with `error` set (and no number) and the run exits
// non-zero; after every section the whole process group is killed, so an app, a load generator
// or a browser a section forgot cannot outlive it.
//
// Ratios to a baseline: baseline rows carry a `key` ('H', 'P', 'J' below). A later section reads
// them from `context.earlier` (use `findBaseline`), computes its ratio itself and writes the
// baseline it used into its row's `baseline` text. With `--only` the baselines may be missing:
// then report the absolute figure, leave `met` undefined and say so in `note` — never guess P.

export interface BenchContext {
	/** `npm run bench -- --quick`: a short run for CI (seconds, not minutes); same code paths. */
	quick: boolean;
	/** PostgreSQL server URL to create scratch databases on (postgres://postgres@127.0.0.1:5432/postgres). */
	serverUrl: string;
	/** The built app the sections start (scripts/serve.js with MINPING_BUILD_DIR=buildDir). */
	buildDir: string;
	/** Writes one progress line to the console (never into the report). */
	log(message: string): void;
	/** Every row the sections before this one returned in this run (baselines first). */
	earlier: BenchRow[];
	/**
	 * Milliseconds this section may take before index.ts kills it (and everything it started).
	 * Size the measurement to fit, with room for start-up and clean-up.
	 */
	budgetMs: number;
	/**
	 * Prefix for scratch database names (e.g. `mp_bench_12345_`). index.ts drops every database
	 * with this prefix at the end of the run, so one a killed section left behind is cleaned too.
	 */
	databasePrefix: string;
	/** A folder for this run's temporary files (PGlite data, fixtures); removed at the end. */
	tempDir: string;
}

export interface BenchRow {
	/** The issue area: 'baseline', 'ballots', 'tv-burst', 'embedded', 'start', 'page', 'memory', 'live', 'trends'. */
	section: string;
	/** What was measured, in words a reader understands ("durable ballots per second over HTTP"). */
	metric: string;
	/** The measured figure; NaN only on a row with `error` set (nothing was measured). */
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
	/** A stable name later sections look the row up by: 'H', 'P', 'J' (see findBaseline). */
	key?: string;
	/** Set when the measurement could not be made: why (the value is then NaN and not shown). */
	error?: string;
}

export type BenchSection = (context: BenchContext) => Promise<BenchRow[]>;

/**
 * A baseline measured earlier in this run: 'H' (node:http hello world, req/s), 'P' (single-row
 * INSERT with its own commit, rows/s), 'J' (SvelteKit JSON endpoint, req/s). Undefined when it
 * was not measured (failed, or left out with --only).
 */
export function findBaseline(
	context: Pick<BenchContext, 'earlier'>,
	key: string
): BenchRow | undefined {
	return context.earlier.find((row) => row.key === key && !row.error && Number.isFinite(row.value));
}

/** A figure that could not be measured: its row, with the error's first line. */
export function failedRow(section: string, metric: string, unit: string, error: unknown): BenchRow {
	return {
		section,
		metric,
		value: NaN,
		unit,
		error: ((error as Error).message ?? String(error)).split('\n')[0]
	};
}

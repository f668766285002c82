// `npm run seed:scale [-- options]`: the scale dataset of issue 8 — 10 years × 300 districts of
// published satisfaction surveys with 20 million ballots, their results and the trend rollup —
// into PostgreSQL (COPY), or a small one into PGlite. See docs/TRENDS.md.
import cliProgress from 'cli-progress';
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { describeConnectionError, openDatabase } from '../src/lib/server/db/connect';
import { rowsOf } from '../src/lib/server/db/rows';
import {
	defaultScaleOptions,
	estimateBytes,
	maxDistricts,
	planSurveys,
	surveyQuestions
} from '../src/lib/server/trends/scale/generate';
import {
	pgliteMaxBallots,
	ScaleSeedRefusedError,
	seedScale,
	type ScaleProgress
} from '../src/lib/server/trends/scale/seed';

const usage = `Usage: npm run seed:scale -- [--ballots N] [--districts N] [--years N] [--database-url URL] [--yes]
  --ballots N         ballots in all (default ${defaultScaleOptions.ballots.toLocaleString('en')}); ${surveyQuestions.length} answers each
  --districts N       districts, 15 to a city (default ${defaultScaleOptions.districts}, at most ${maxDistricts})
  --years N           yearly surveys per district, from ${defaultScaleOptions.firstYear} (default ${defaultScaleOptions.years})
  --seed N            generator seed (default ${defaultScaleOptions.seed}); same seed and sizes, same data
  --database-url URL  PostgreSQL to write to (default: DATABASE_URL; without either, PGlite under DATA_DIR,
                      which takes at most ${pgliteMaxBallots.toLocaleString('en')} ballots)
  --yes               do not ask for confirmation`;

const { values } = parseArgs({
	options: {
		ballots: { type: 'string', default: String(defaultScaleOptions.ballots) },
		districts: { type: 'string', default: String(defaultScaleOptions.districts) },
		years: { type: 'string', default: String(defaultScaleOptions.years) },
		seed: { type: 'string', default: String(defaultScaleOptions.seed) },
		'database-url': { type: 'string' },
		yes: { type: 'boolean', short: 'y', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help) {
	console.log(usage);
	process.exit(0);
}

function whole(name: string, text: string, min: number, max: number): number {
	const cleaned = text.replace(/[_,]/g, '');
	const n = Number(cleaned);
	if (!/^\d+$/.test(cleaned) || n < min || n > max) {
		console.error(
			`minping: --${name} must be a whole number from ${min} to ${max}, got "${text}"\n${usage}`
		);
		process.exit(2);
	}
	return n;
}

const options = {
	...defaultScaleOptions,
	ballots: whole('ballots', values.ballots, 1, 2_000_000_000),
	districts: whole('districts', values.districts, 1, maxDistricts),
	years: whole('years', values.years, 1, 50),
	seed: whole('seed', values.seed, 0, 2 ** 32 - 1)
};
try {
	planSurveys({ ...options, ballots: options.ballots });
} catch (error) {
	console.error(`minping: ${(error as Error).message}\n${usage}`);
	process.exit(2);
}

const url = values['database-url'] || process.env.DATABASE_URL || undefined;
if (!url && options.ballots > pgliteMaxBallots) {
	console.error(
		`minping: no PostgreSQL given (--database-url or DATABASE_URL), and ${options.ballots.toLocaleString('en')} ballots ` +
			`is too many for the embedded database (PGlite, at most ${pgliteMaxBallots.toLocaleString('en')}). ` +
			`Point it at PostgreSQL, or pass a smaller --ballots.`
	);
	process.exit(2);
}

const handle = openDatabase({ url, dataDir: process.env.DATA_DIR || 'data', maxConnections: 2 });
try {
	await handle.ping();
	await handle.migrate();
} catch (error) {
	console.error(describeConnectionError(handle, error));
	process.exit(1);
}

const size = (bytes: number) =>
	bytes >= 1024 ** 3
		? `${(bytes / 1024 ** 3).toFixed(1)} GB`
		: `${Math.ceil(bytes / 1024 ** 2)} MB`;
const needed = estimateBytes(options.ballots);
const free = freeBytes(
	handle.kind === 'postgres' ? await postgresDataDirectory() : handle.location
);
console.log(
	`minping: seed:scale into ${handle.kind} at ${handle.location}\n` +
		`  ${options.districts} districts × ${options.years} years (${options.firstYear}–${options.firstYear + options.years - 1}), ` +
		`${options.ballots.toLocaleString('en')} ballots, ${(options.ballots * surveyQuestions.length).toLocaleString('en')} answers\n` +
		`  about ${size(needed)} on disk${handle.kind === 'postgres' ? ' (plus WAL while loading)' : ''}` +
		(free === null ? '' : `; ${size(free)} free there`)
);
if (free !== null && free < needed * 1.3) {
	console.error(
		`minping: not enough free disk space for about ${size(needed * 1.3)} with headroom; nothing written.`
	);
	await handle.close();
	process.exit(1);
}
if (!values.yes) {
	if (!process.stdin.isTTY) {
		console.error('minping: not a terminal; pass --yes to seed without confirmation.');
		await handle.close();
		process.exit(2);
	}
	const prompt = createInterface({ input: process.stdin, output: process.stdout });
	const answer = await prompt.question('Write the scale dataset? [y/N] ');
	prompt.close();
	if (!/^y(es)?$/i.test(answer.trim())) {
		console.log('minping: nothing written.');
		await handle.close();
		process.exit(0);
	}
}

const display = createProgressDisplay();
try {
	const summary = await seedScale(handle, { ...options, onProgress: display.update });
	display.stop();
	const rate = Math.round((summary.ballots + summary.answers) / summary.seconds);
	console.log(
		`minping: scale dataset written in ${summary.seconds.toFixed(1)} s (${rate.toLocaleString('en')} rows/s overall):\n` +
			`  1 province, ${summary.cities} cities, ${summary.districts} districts; ${summary.surveys} published surveys; ` +
			`${summary.ballots.toLocaleString('en')} ballots, ${summary.answers.toLocaleString('en')} answers; ` +
			`${summary.indicatorValues} trend values` +
			(handle.kind === 'postgres'
				? `\n  COPY${summary.rebuiltIndexes ? ', indexes rebuilt after the load' : ''}` +
					`${summary.skippedTriggers ? ', foreign-key triggers skipped during the load' : ''}, then VACUUM ANALYZE`
				: '')
	);
} catch (error) {
	display.stop();
	process.exitCode = 1;
	if (error instanceof ScaleSeedRefusedError) console.error(error.message);
	else console.error('minping: seed:scale failed; the ballots were rolled back:', error);
} finally {
	await handle.close();
}

async function postgresDataDirectory(): Promise<string | null> {
	// Only a local server's data folder can be checked; a remote one says nothing useful here.
	try {
		const host = new URL(url as string).hostname;
		if (!['127.0.0.1', 'localhost', '::1', ''].includes(host)) return null;
		const [row] = rowsOf<{ data_directory: string }>(
			await handle.db.execute(sql`show data_directory`)
		);
		return row?.data_directory ?? null;
	} catch {
		return null;
	}
}

/** Free bytes on the file system holding `path` (df), or null when it cannot be read. */
function freeBytes(path: string | null): number | null {
	if (!path) return null;
	for (let dir = path; dir; dir = dir.slice(0, Math.max(dir.lastIndexOf('/'), 0))) {
		try {
			const out = execFileSync('df', ['-Pk', dir || '/'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			});
			const kb = Number(out.trim().split('\n').at(-1)?.split(/\s+/)[3]);
			return Number.isFinite(kb) ? kb * 1024 : null;
		} catch {
			// not there (yet, or not readable): try the folder above
		}
	}
	return null;
}

function createProgressDisplay() {
	const labels: Record<ScaleProgress['phase'], string> = {
		reference: 'regions and surveys',
		ballots: `ballots and answers (${handle.kind === 'postgres' ? 'COPY' : 'INSERT'})`,
		results: 'results and trend rollup',
		analyze: handle.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'
	};
	let phase: ScaleProgress['phase'] | null = null;
	let startedAt = 0;
	let loggedAt = 0;
	const began = performance.now();
	let bar: cliProgress.SingleBar | null = null;
	const stopBar = () => {
		bar?.stop();
		bar = null;
	};
	return {
		update(progress: ScaleProgress) {
			if (progress.phase !== phase) {
				stopBar();
				phase = progress.phase;
				startedAt = performance.now();
				if (progress.phase === 'ballots' && process.stdout.isTTY) {
					bar = new cliProgress.SingleBar(
						{
							format:
								'ballots {bar} {percentage}% | {value}/{total} | {rows} rows/s | ETA {eta_formatted} | elapsed {duration_formatted}',
							hideCursor: true,
							etaBuffer: 50
						},
						cliProgress.Presets.shades_classic
					);
					bar.start(progress.total, 0, { rows: 0 });
				} else {
					console.log(
						`minping: ${labels[progress.phase]}… (${((performance.now() - began) / 1000).toFixed(1)} s)`
					);
				}
			}
			if (progress.phase !== 'ballots') return;
			const seconds = (performance.now() - startedAt) / 1000;
			const rows = Math.round(
				(progress.done * (1 + surveyQuestions.length)) / Math.max(seconds, 0.001)
			);
			if (bar) {
				bar.update(progress.done, { rows: rows.toLocaleString('en') });
				if (progress.done >= progress.total) {
					stopBar();
					console.log(
						`minping: rebuilding indexes and committing… (${((performance.now() - began) / 1000).toFixed(1)} s)`
					);
				}
			} else if (performance.now() - loggedAt > 10_000 || progress.done >= progress.total) {
				loggedAt = performance.now();
				const eta =
					progress.done > 0 ? (seconds * (progress.total - progress.done)) / progress.done : 0;
				console.log(
					`minping: ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')} ballots, ` +
						`${rows.toLocaleString('en')} rows/s, ETA ${Math.round(eta)} s`
				);
			}
		},
		stop: stopBar
	};
}

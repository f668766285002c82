// Runs one benchmark section in its own process (started by index.ts, never by hand): imports
// the section's module, calls its exported function and writes the rows it returns to the result
// file. A throw becomes one failed row. The process exits as soon as the rows are written, so a
// pool or a timer the section left open cannot keep it (and its children) alive.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { BenchContext, BenchRow, BenchSection } from './types';

export interface SectionJob {
	name: string;
	file: string;
	exportName: string;
	resultFile: string;
	context: Omit<BenchContext, 'log'>;
}

const job = JSON.parse(process.env.MINPING_BENCH_JOB ?? 'null') as SectionJob | null;
if (!job) {
	console.error('run-section.ts is started by scripts/bench/index.ts (npm run bench)');
	process.exit(2);
}

const earlier = job.context.earlier.map((row) => ({ ...row, value: row.value ?? NaN }));
const context: BenchContext = {
	...job.context,
	earlier,
	log: (message) => console.log(`  [${job.name}] ${message}`)
};

function failure(error: unknown): BenchRow {
	const message = error instanceof Error ? error.message : String(error);
	return {
		section: job!.name,
		metric: `section ${job!.name} (${job!.file})`,
		value: NaN,
		unit: '',
		error: message.split('\n')[0].slice(0, 300)
	};
}

let rows: BenchRow[];
try {
	const module = (await import(pathToFileURL(resolve(job.file)).href)) as Record<string, unknown>;
	const section = module[job.exportName];
	if (typeof section !== 'function')
		throw new Error(`${job.file} does not export a function named ${job.exportName}`);
	const returned = await (section as BenchSection)(context);
	if (!Array.isArray(returned)) throw new Error(`${job.exportName} returned no rows`);
	rows = returned;
} catch (error) {
	console.error(`  [${job.name}] failed:`, error);
	rows = [failure(error)];
}
writeFileSync(job.resultFile, JSON.stringify(rows));
process.exit(0);

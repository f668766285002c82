// `npm run seed:demo [-- --seed N] [-- --force]`: write the fictional demo province into the
// configured database (DATABASE_URL, else PGlite under DATA_DIR), with a progress bar.
import cliProgress from 'cli-progress';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SEED } from '../src/lib/server/demo/generate';
import { DemoSeedRefusedError, seedDemoData, type SeedProgress } from '../src/lib/server/demo/seed';
import { seedDemoTrends } from '../src/lib/server/trends/demo-series';
import { openCliDatabase } from './cli-database';

const usage = `Usage: npm run seed:demo -- [--seed N] [--force]
  --seed N   build the province from seed N (default ${DEFAULT_DEMO_SEED}); same seed, same data
  --force    first delete the regions, units and cadres already there (only those tables)`;

const { values } = parseArgs({
	options: {
		seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
		force: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help) {
	console.log(usage);
	process.exit(0);
}
const seed = Number(values.seed);
if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) {
	console.error(`minping: --seed must be a whole number, got "${values.seed}"\n${usage}`);
	process.exit(2);
}

const handle = await openCliDatabase();
const progress = createProgressDisplay();
const started = performance.now();
try {
	const { counts, replaced } = await seedDemoData(handle.db, {
		seed,
		replace: values.force,
		onProgress: progress.update,
		actor: null
	});
	const trends = await seedDemoTrends(handle.db);
	progress.stop();
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`minping: ${replaced ? 'replaced the reference data with' : 'seeded'} the demo province (seed ${seed}) ` +
			`into ${handle.kind} at ${handle.location} in ${seconds} s:\n` +
			`  ${counts.cities} cities, ${counts.districts} districts/counties, ${counts.townships} townships, ` +
			`${counts.units} units, ${counts.windows} service windows, ${counts.cadres} cadres, ` +
			`${trends.written} demo indicator values`
	);
} catch (error) {
	progress.stop();
	process.exitCode = 1;
	if (error instanceof DemoSeedRefusedError) console.error(error.message);
	else console.error('minping: seeding the demo failed, nothing was written:', error);
} finally {
	await handle.close();
}

/** A bar on a terminal; one line per step otherwise (CI logs, pipes), so logs stay readable. */
function createProgressDisplay() {
	if (process.stdout.isTTY) {
		const bar = new cliProgress.SingleBar(
			{ format: 'seeding {bar} {percentage}% | {value}/{total} rows | {step}', hideCursor: true },
			cliProgress.Presets.shades_classic
		);
		let started = false;
		return {
			update: ({ step, done, total }: SeedProgress) => {
				if (!started) bar.start(total, 0, { step });
				started = true;
				bar.update(done, { step });
			},
			stop: () => started && bar.stop()
		};
	}
	let lastStep = '';
	return {
		update: ({ step, done, total }: SeedProgress) => {
			if (step === lastStep) return;
			lastStep = step;
			console.log(`minping: demo seeding: ${step}, ${done}/${total} rows written`);
		},
		stop: () => {}
	};
}

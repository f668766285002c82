// The app on PostgreSQL: first and later start, idle memory after a warm-up, and the weight of the
// ballot form page (what a phone downloads to vote).
import { scratchDatabase, startApp, type RunningApp } from './app';
import { prepareBallotCampaign } from './fixtures';
import { measurePageWeight } from './page-weight';
import { idleMemory, laterStartRow } from './start-rows';
import { failedRow, type BenchRow, type BenchSection } from './types';

export const appOnPostgres: BenchSection = async (context) => {
	const rows: BenchRow[] = [];
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}app`);
	let app: RunningApp | null = null;
	try {
		context.log('PostgreSQL: first start on an empty database (migrations)');
		try {
			app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
		} catch (error) {
			rows.push(failedRow('start', 'first start, PostgreSQL (empty database)', 's', error));
			return rows;
		}
		rows.push({
			section: 'start',
			metric: 'first start, PostgreSQL (empty database)',
			value: app.startMs / 1000,
			unit: 's',
			note: 'spawn to first healthy /healthz: all migrations; no demo data on PostgreSQL (npm run seed:demo adds it)'
		});
		await app.stop();
		app = null;

		const fixture = await prepareBallotCampaign({ databaseUrl: database.url, cards: 100 });
		app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
		rows.push(
			laterStartRow(
				app,
				'later start, PostgreSQL',
				'spawn to first healthy /healthz, migrations already applied'
			)
		);
		const idle = await idleMemory(context, app, fixture, {
			metric: 'server RSS idle, PostgreSQL',
			limitMb: 150
		});
		rows.push(idle.row);
		const { nextCard } = idle;

		context.log('ballot form page weight (Chromium)');
		try {
			const weight = await measurePageWeight(`${app.url}/vote/${fixture.codes[nextCard]}`);
			const top = weight.scripts
				.slice()
				.sort((a, b) => b.gzipBytes - a.gzipBytes)
				.slice(0, 6)
				.map((s) => `${s.label} ${(s.gzipBytes / 1024).toFixed(1)}`)
				.join(', ');
			rows.push({
				section: 'page',
				metric: 'ballot form page (/vote/<code>): JavaScript, gzip',
				value: weight.jsGzipBytes / 1024,
				unit: 'KB',
				target: '≤ 30 KB',
				met: weight.jsGzipBytes / 1024 <= 30,
				note: `${weight.scripts.length} JavaScript files (${weight.method}), gzip -9 as adapter-node precompresses; largest (KB): ${top}`
			});
			const framework = weight.scripts.filter((s) => s.framework);
			const frameworkKb = framework.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;
			rows.push({
				section: 'page',
				metric: 'of which Svelte and SvelteKit themselves, gzip',
				value: frameworkKb,
				unit: 'KB',
				note:
					(framework.length === 0
						? 'none: the ballot page is rendered without the client framework (csr = false)'
						: `${framework.map((s) => s.label).join(', ')}: on every page that hydrates`) +
					(frameworkKb > 30
						? '; alone above 30 KB, so only a page rendered without them (csr = false plus a small plain script for drafts and retries) can meet the target'
						: '')
			});
			rows.push({
				section: 'page',
				metric: 'ballot form page (/vote/<code>): everything transferred',
				value: weight.transferBytes / 1024,
				unit: 'KB',
				note: `${weight.responses} responses: ${weight.transferEncoding}; JavaScript uncompressed: ${(weight.jsRawBytes / 1024).toFixed(0)} KB`
			});
		} catch (error) {
			rows.push(
				failedRow('page', 'ballot form page (/vote/<code>): JavaScript, gzip', 'KB', error)
			);
		}
		await app.stop();
		app = null;

		// For context: most of the idle RSS is V8's young generation grown while Node 24 loads the
		// server's modules, not live data. The same start with a small young generation shows it.
		const flag = '--max-semi-space-size=2';
		const metric = `server RSS idle, PostgreSQL, started with node ${flag}`;
		try {
			app = await startApp({
				buildDir: context.buildDir,
				databaseUrl: database.url,
				env: { NODE_OPTIONS: [process.env.NODE_OPTIONS, flag].filter(Boolean).join(' ') }
			});
			const startS = (app.startMs / 1000).toFixed(1);
			const shown = await idleMemory(context, app, fixture, {
				metric,
				firstCard: nextCard + 1,
				note: `context, not the shipped configuration: same database, warm-up and idle time as above; this start took ${startS} s`
			});
			rows.push(shown.row);
		} catch (error) {
			rows.push(failedRow('memory', metric, 'MB', error));
		}
	} finally {
		await app?.stop();
		await database.drop();
	}
	return rows;
};

// The app on PostgreSQL: first and later start, idle memory after a warm-up, and the weight of the
// ballot form page (what a phone downloads to vote).
import { sleep, warmUp } from './ballot-load';
import { scratchDatabase, startApp, type RunningApp } from './app';
import { prepareBallotCampaign } from './fixtures';
import { measurePageWeight } from './page-weight';
import type { BenchRow, BenchSection } from './types';

export const appOnPostgres: BenchSection = async (context) => {
	const rows: BenchRow[] = [];
	const fail = (section: string, metric: string, unit: string, error: unknown): BenchRow => ({
		section,
		metric,
		value: NaN,
		unit,
		error: ((error as Error).message ?? String(error)).split('\n')[0]
	});
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}app`);
	let app: RunningApp | null = null;
	try {
		context.log('PostgreSQL: first start on an empty database (migrations)');
		try {
			app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
		} catch (error) {
			rows.push(fail('start', 'first start, PostgreSQL (empty database)', 's', error));
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
		rows.push({
			section: 'start',
			metric: 'later start, PostgreSQL',
			value: app.startMs / 1000,
			unit: 's',
			target: '≤ 3 s',
			met: app.startMs <= 3_000,
			note: 'spawn to first healthy /healthz, migrations already applied'
		});

		const warmS = context.quick ? 2 : 5;
		const idleS = context.quick ? 2 : 5;
		let nextCard = 0;
		try {
			nextCard = (await warmUp(app.url, fixture, warmS, 0)).nextCard;
			await sleep(idleS * 1000);
			const rss = app.rssMb();
			rows.push({
				section: 'memory',
				metric: 'server RSS idle, PostgreSQL',
				value: rss,
				unit: 'MB',
				target: '≤ 150 MB',
				met: rss <= 150,
				note: `after start, ${warmS} s warm-up (pages, ballot form, a few ballots) and ${idleS} s idle`
			});
		} catch (error) {
			rows.push(fail('memory', 'server RSS idle, PostgreSQL', 'MB', error));
		}

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
			rows.push(fail('page', 'ballot form page (/vote/<code>): JavaScript, gzip', 'KB', error));
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
			await warmUp(app.url, fixture, warmS, nextCard + 1);
			await sleep(idleS * 1000);
			rows.push({
				section: 'memory',
				metric,
				value: app.rssMb(),
				unit: 'MB',
				note: `context, not the shipped configuration: same database, warm-up and idle time as above; this start took ${(app.startMs / 1000).toFixed(1)} s`
			});
		} catch (error) {
			rows.push(fail('memory', metric, 'MB', error));
		}
	} finally {
		await app?.stop();
		await database.drop();
	}
	return rows;
};

// The embedded (PGlite) install, as `npm start` runs it without DATABASE_URL: first start on a
// fresh data folder (migrations and the demo province), a later start, idle memory after a
// warm-up, and ballots per second over HTTP.
import { join } from 'node:path';
import { describeRefusals, postBallots } from './ballot-load';
import { startApp, type RunningApp } from './app';
import { countStored, prepareBallotCampaign, type BallotFixture } from './fixtures';
import { formatNumber, loadProfile, processCpuMs } from './load';
import { idleMemory, laterStartRow } from './start-rows';
import { failedRow, type BenchRow, type BenchSection } from './types';

export const embedded: BenchSection = async (context) => {
	const rows: BenchRow[] = [];
	const dataDir = join(context.tempDir, 'embedded');
	const profile = loadProfile(context);
	let app: RunningApp | null = null;
	try {
		// 1. First start: an empty folder, so migrations and the demo province.
		context.log('PGlite: first start on a fresh data folder (migrations + demo province)');
		try {
			app = await startApp({ buildDir: context.buildDir, dataDir, timeoutMs: 90_000 });
		} catch (error) {
			rows.push(
				failedRow('start', 'first start, embedded (PGlite), with demo seeding', 's', error)
			);
			return rows;
		}
		const seeding = /seeded the demo province[^\n]* in ([\d.]+) s/.exec(app.log.join(''));
		rows.push({
			section: 'start',
			metric: 'first start, embedded (PGlite), with demo seeding',
			value: app.startMs / 1000,
			unit: 's',
			target: '≤ 20 s',
			met: app.startMs <= 20_000,
			note: `spawn to first healthy /healthz on an empty DATA_DIR: migrations, ${seeding ? `demo province (seeding ${seeding[1]} s by the app's log) and demo admin` : 'but the log did not report the demo seeding'}`
		});
		await app.stop();
		app = null;

		// 2. Cards for the ballots, written while the app is stopped (PGlite has one owner).
		// Enough cards for 2,000 ballots/s (4× the target) over the whole load.
		const cards = (profile.durationS + profile.warmupS + 1) * 2000 + 100;
		context.log(`PGlite: an open survey with ${formatNumber(cards)} cards`);
		const fixtureStarted = performance.now();
		const fixture: BallotFixture = await prepareBallotCampaign({ dataDir, cards });
		context.log(
			`PGlite: cards written in ${((performance.now() - fixtureStarted) / 1000).toFixed(1)} s`
		);

		// 3. Later start.
		app = await startApp({ buildDir: context.buildDir, dataDir, timeoutMs: 60_000 });
		rows.push(
			laterStartRow(
				app,
				'later start, embedded (PGlite)',
				'spawn to first healthy /healthz on the same data folder (nothing to migrate or seed)'
			)
		);

		// 4. Idle memory after a short warm-up.
		const idle = await idleMemory(context, app, fixture, {
			metric: 'server RSS idle, embedded (PGlite)',
			limitMb: 450,
			noteTail: '; demo province loaded'
		});
		rows.push(idle.row);
		const { nextCard } = idle;
		let { acknowledged } = idle;

		// 5. Ballots per second over HTTP.
		context.log(
			`PGlite: ballots over HTTP, ${profile.connections} clients, ${profile.durationS} s`
		);
		try {
			const cpuBefore = processCpuMs(app.child.pid!);
			const result = await postBallots(app.url, fixture, {
				concurrency: profile.connections,
				durationS: profile.durationS,
				warmupS: profile.warmupS,
				firstCard: nextCard
			});
			const cpuPerBallot = (processCpuMs(app.child.pid!) - cpuBefore) / result.acknowledged;
			acknowledged += result.acknowledged;
			if (result.ok === 0)
				throw new Error(`no ballot stored (${describeRefusals(result) || 'no answers'})`);
			const refusals = describeRefusals(result);
			rows.push({
				section: 'embedded',
				metric: 'durable ballots per second over HTTP, embedded (PGlite)',
				value: result.perSecond,
				unit: 'ballots/s',
				target: '≥ 500 ballots/s',
				met: result.perSecond >= 500,
				note:
					`POST /vote/<code>/ballot (JSON, one card each, 201 after the commit), ${profile.connections} clients, ` +
					`${result.durationS.toFixed(1)} s after ${profile.warmupS} s warm-up; ${formatNumber(result.ok)} stored; ` +
					`p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms` +
					(refusals ? `; other answers: ${refusals}` : '') +
					(result.exhausted ? '; ran out of cards before the time was up' : '')
			});
			rows.push({
				section: 'embedded',
				metric: 'server CPU time per ballot, embedded (PGlite)',
				value: cpuPerBallot,
				unit: 'ms',
				note: `the server process's user + system CPU over the load (warm-up included) ÷ its ${formatNumber(result.acknowledged)} ballots answered 201; 1,000 ÷ this = ballots per second one whole core could take (${formatNumber(1000 / cpuPerBallot)}); little affected by other load on the machine`
			});
			const rss = app.rssMb();
			rows.push({
				section: 'memory',
				metric: 'server RSS right after the ballot load, embedded (PGlite)',
				value: rss,
				unit: 'MB',
				note: 'for context: the idle figure above is the one with a target'
			});
		} catch (error) {
			rows.push(
				failedRow(
					'embedded',
					'durable ballots per second over HTTP, embedded (PGlite)',
					'ballots/s',
					error
				)
			);
		}

		// 6. Every acknowledged ballot stored exactly once (read after the app stopped).
		await app.stop();
		app = null;
		const integrity = 'acknowledged ballots not stored exactly once, embedded (PGlite)';
		try {
			const stored = await countStored({ dataDir, campaignId: fixture.campaignId });
			const subjects = fixture.ballots.length;
			const off =
				Math.abs(stored.submissions - acknowledged) +
				Math.abs(stored.ballots - stored.submissions * subjects) +
				Math.abs(stored.spentCards - stored.submissions);
			rows.push({
				section: 'embedded',
				metric: integrity,
				value: off,
				unit: 'count',
				target: '0',
				met: off === 0,
				note: `${formatNumber(acknowledged)} answers 201 (warm-up and load) against ${formatNumber(stored.submissions)} stored submissions, ${formatNumber(stored.ballots)} ballots and ${formatNumber(stored.spentCards)} spent cards, read from the data folder after the app stopped`
			});
		} catch (error) {
			rows.push(failedRow('embedded', integrity, 'count', error));
		}
	} finally {
		await app?.stop();
	}
	return rows;
};

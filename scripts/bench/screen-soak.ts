// The broadcast screen's memory over a long broadcast (issue 7: "runs for hours without growing
// memory"). The built app runs on a scratch PostgreSQL database with one open unit-evaluation
// campaign; headless Chromium (playwright-core, the system browser) shows `/live/<id>/screen` at
// 1920×1080 while jurors' ballots arrive through the real ballot endpoint at a steady trickle.
// Every so often the jurors change their favourite, so the ranking reorders and the bar race
// animates. A reference viewer in this process (plain node:http on the SSE feed) counts what the
// server pushed.
//
// Every few seconds the bench asks the page, through the Chrome DevTools Protocol, to collect
// garbage (`HeapProfiler.collectGarbage`) and then reads `Performance.getMetrics`: JSHeapUsedSize
// (the page's live JavaScript heap), Nodes (DOM nodes, attached or not) and JSEventListeners.
// The start figure is taken after a warm-up (ECharts loaded, the chart drawn, the first pushes
// animated), so code loaded once does not count as growth. The page's snapshots are counted by
// wrapping `EventSource` in an init script (counts only, no copies kept), which also counts new
// connections and reconnects.
//
// Three judgements, because the heap grows for a while without leaking: V8 compiles the functions
// that get hot (ECharts' animation and layout), about 1.5 MB of code over the first five minutes,
// then stays flat (measured at 2 snapshots a second). (1) Growth from the floor of the first
// quarter of the soak to the floor of the last (lowest post-GC sample in each, as a post-GC
// figure still wobbles by a hundred KB): ≤ 5 MB, which only a gross leak breaks. (2) The trend
// over the second half (least-squares slope, full runs of 8 minutes or more, past the compiling):
// ≤ 2 MB an hour, 16 MB over an eight-hour broadcast; a leak of 300 bytes per snapshot at two a
// second breaks it. (3) The JavaScript data alone, from a heap snapshot at the start and one at
// the end (objects, arrays, strings and closures; compiled code and Blink's own objects left
// out): ≤ 100 KB, which a leak of 85 bytes per snapshot breaks within ten minutes. Blink's font
// caches (canvas text, bounded by Chromium) and the rest of the process show in the renderer's
// RSS, reported without a target.
//
// BENCH_SCREEN_RESTARTS=n restarts the app n times, evenly spaced, during the soak (default 0):
// the screen must reconnect once per restart, and the reconnect path must not leak either. Every
// second restart, the screen's feed is answered 503 while the app is down (as a proxy would), so
// EventSource gives up and the feed's own retry opens new ones.
// Length: BENCH_SCREEN_SOAK_S seconds of soak (default 600 in a full run, 25 with --quick), never
// more than the section's budget leaves; for a longer soak raise the budget too, e.g.
//   BENCH_SCREEN_SOAK_S=1800 BENCH_BUDGET_SCREEN=1900 npm run bench -- --only screen --out /tmp/s.md
// BENCH_SCREEN_RATE sets ballots per second (default 2; each one is a push, at most 10 a second).
// BENCH_SCREEN_HEAP_SNAPSHOTS=<dir> writes a heap snapshot of the page at the start and at the end
// of the soak there (screen-start.heapsnapshot, screen-end.heapsnapshot; open them in DevTools'
// Memory tab and compare), to find what grows.
// Loopback only; the app, the browser and the database are stopped or dropped at the end.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connect';
import { processRssMb, scratchDatabase, startApp, type RunningApp } from './app';
import {
	liveBallotBody,
	openLiveCampaign,
	postBallot,
	stopApp,
	units,
	windows
} from './live-campaign';
import type { BenchSection } from './types';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Sample {
	/** Seconds since the soak started. */
	t: number;
	heapMb: number;
	nodes: number;
	listeners: number;
	/** Snapshots the page had received, and the reference viewer. */
	pageSnapshots: number;
	pushed: number;
	/** Resident set size of the page's renderer process (JS heap, Blink's heap, caches, code). */
	rendererMb: number;
}

interface PageStats {
	sources: number;
	opens: number;
	errors: number;
	snapshots: number;
	lastId: string;
}

export const screen: BenchSection = async (context) => {
	const started = performance.now();
	const quick = context.quick;
	const rate =
		Number(process.env.BENCH_SCREEN_RATE) > 0 ? Number(process.env.BENCH_SCREEN_RATE) : 2;
	const asked =
		Number(process.env.BENCH_SCREEN_SOAK_S) > 0
			? Number(process.env.BENCH_SCREEN_SOAK_S)
			: quick
				? 25
				: 600;
	const warmupS = quick ? 8 : 20;
	const restarts = Math.max(0, Math.floor(Number(process.env.BENCH_SCREEN_RESTARTS) || 0));
	const sampleEveryS = quick ? 3 : 15;
	// Set-up (database, app, browser), two heap snapshots and clean-up take about 20 s.
	const room = (context.budgetMs - 25_000) / 1000 - warmupS;
	let soakS = Math.floor(Math.min(asked, room));
	if (soakS < 10) throw new Error(`no room for a soak in a budget of ${context.budgetMs / 1000} s`);
	if (soakS < asked)
		context.log(`soak shortened to ${soakS} s to fit the budget (BENCH_BUDGET_SCREEN raises it)`);
	const snapshotDir = process.env.BENCH_SCREEN_HEAP_SNAPSHOTS || null;
	if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
	if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (CHROMIUM_PATH)`);

	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}screen`);
	let app: RunningApp | null = null;
	let browser: import('playwright-core').Browser | null = null;
	let reference: Reference | null = null;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
	try {
		const cards = Math.ceil((warmupS + soakS + 30) * rate) + 20;
		context.log(`one campaign with ${cards} cards`);
		const campaign = await prepareCampaign(database.url, cards);
		const launch = (port?: number) =>
			startApp({
				buildDir: context.buildDir,
				databaseUrl: database.url,
				port,
				env: { SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
				timeoutMs: 60_000
			});
		app = await launch();
		const url = app.url;
		let next = 0;
		const vote = async (favourite: number) => {
			const i = next++;
			if (i >= campaign.codes.length) return 0;
			return postBallot(agent, app!.port, campaign.codes[i], campaign.body(i, favourite)).then(
				(answer) => answer.status
			);
		};
		// Enough ballots for every subject to be ranked (5 per subject by default).
		const first = await Promise.all(Array.from({ length: 8 }, (_, i) => vote(i)));
		if (!first.every((s) => s === 200 || s === 201))
			throw new Error(`the first ballots were refused: ${first.join(', ')}`);

		reference = openReference(app.port, campaign.id);
		const { chromium } = await import('playwright-core');
		browser = await chromium.launch({
			executablePath: chromiumPath,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
		});
		const page = await (
			await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
		).newPage();
		await page.addInitScript({ content: countEventSource });
		const answer = await page.goto(`${url}/live/${campaign.id}/screen`, { waitUntil: 'load' });
		if (!answer || answer.status() !== 200)
			throw new Error(`the screen answered ${answer?.status()}`);
		await page.locator('[data-testid="screen"] canvas').first().waitFor({ timeout: 20_000 });
		const rendererPid = await findRenderer(browser);
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable');
		const measure = async (t: number): Promise<Sample> => {
			await cdp.send('HeapProfiler.collectGarbage');
			await cdp.send('HeapProfiler.collectGarbage');
			const { metrics } = await cdp.send('Performance.getMetrics');
			const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
			const stats = await pageStats();
			return {
				t,
				heapMb: metric('JSHeapUsedSize') / 1024 ** 2,
				nodes: metric('Nodes'),
				listeners: metric('JSEventListeners'),
				pageSnapshots: stats.snapshots,
				pushed: reference!.snapshots,
				rendererMb: rendererPid ? processRssMb(rendererPid) : NaN
			};
		};
		const heapSnapshot = async (name: string): Promise<HeapSummary> => {
			const chunks: string[] = [];
			const take = (event: { chunk: string }) => chunks.push(event.chunk);
			cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
			await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
			cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
			const text = chunks.join('');
			if (snapshotDir) {
				const file = join(snapshotDir, `screen-${name}.heapsnapshot`);
				writeFileSync(file, text);
				context.log(`heap snapshot written to ${file}`);
			}
			return summarise(text);
		};
		const pageStats = () =>
			page.evaluate(() => (window as unknown as { __screenBench: PageStats }).__screenBench);

		// Ballots at `rate` per second; the favourite moves on every `phaseS` seconds.
		const phaseS = quick ? 6 : 20;
		let favourite = 0;
		let refused = 0;
		let ok = 0;
		let paused = false;
		const soakStarted = performance.now() + warmupS * 1000;
		const driver = setInterval(() => {
			if (paused) return;
			const elapsed = (performance.now() - started) / 1000;
			favourite = Math.floor(elapsed / phaseS) % (units.length + windows.length);
			void vote(favourite).then((status) => {
				if (status === 200 || status === 201) ok++;
				else refused++;
			});
		}, 1000 / rate);

		// On a loaded machine the set-up may have taken longer: what the budget still leaves, minus
		// about 12 s for the last heap snapshot, the last pushes and stopping everything.
		const left = (started + context.budgetMs - (performance.now() + warmupS * 1000)) / 1000 - 12;
		if (left < soakS) {
			soakS = Math.max(5, Math.floor(left));
			context.log(`soak shortened to ${soakS} s: the set-up took long`);
		}
		context.log(`warming up for ${warmupS} s, then ${soakS} s of soak at ${rate} ballots/s`);
		await sleep(warmupS * 1000);
		const samples: Sample[] = [await measure(0)];
		const heapStart = await heapSnapshot('start');
		const pageStart = await pageStats();
		const pushedStart = reference.snapshots;
		const orderStart = reference.orderChanges;
		let restartsDone = 0;
		const restartAt = Array.from(
			{ length: restarts },
			(_, k) => (soakS * (k + 1)) / (restarts + 1)
		);
		while (performance.now() - soakStarted < soakS * 1000) {
			if (restartAt.length && (performance.now() - soakStarted) / 1000 >= restartAt[0]) {
				restartAt.shift();
				// Every second restart sits behind a "proxy" that answers 503 while the app is down:
				// EventSource gives up on an error status, and the feed opens a new one itself.
				const proxied = restartsDone % 2 === 1;
				context.log(`restarting the app${proxied ? ', its feed answered 503 meanwhile' : ''}`);
				paused = true;
				if (proxied)
					await page.route(/\/events/, (route) =>
						route.fulfill({ status: 503, contentType: 'text/plain', body: 'restarting' })
					);
				const port = app.port;
				await stopApp(app);
				app = await launch(port);
				if (proxied) {
					await sleep(4_000); // the feed retries every 3 s: at least one more 503
					await page.unrouteAll({ behavior: 'ignoreErrors' });
				}
				restartsDone++;
				paused = false;
			}
			await sleep(Math.min(sampleEveryS * 1000, soakS * 1000 - (performance.now() - soakStarted)));
			const sample = await measure((performance.now() - soakStarted) / 1000);
			samples.push(sample);
			if (samples.length % (quick ? 5 : 8) === 0)
				context.log(
					`${Math.round(sample.t)} s: heap ${sample.heapMb.toFixed(2)} MB, renderer RSS ${sample.rendererMb.toFixed(0)} MB, ${sample.nodes} nodes, ${sample.listeners} listeners, ${sample.pageSnapshots} snapshots`
				);
		}
		clearInterval(driver);
		const heapEnd = await heapSnapshot('end');
		// The last pushes reach the page (the hub pushes at most every 100 ms).
		await sleep(1500);
		const pageEnd = await pageStats();
		const shown = await page.locator('[data-testid="screen"]').getAttribute('data-sequence');
		const pushedEnd = reference.snapshots;
		const last = samples[samples.length - 1];
		const quarter = Math.max(1, Math.floor(samples.length / 4));
		const floorOf = (part: Sample[], key: 'heapMb' | 'rendererMb') =>
			Math.min(...part.map((s) => s[key]));
		const floorStart = floorOf(samples.slice(0, quarter), 'heapMb');
		const floorEnd = floorOf(samples.slice(-quarter), 'heapMb');
		const rendererGrowth =
			floorOf(samples.slice(-quarter), 'rendererMb') -
			floorOf(samples.slice(0, quarter), 'rendererMb');
		const growth = floorEnd - floorStart;
		const half = Math.floor(samples.length / 2);
		const slope = slopePerHour(samples.slice(half));
		const trendMinS = 480;
		const judgeTrend = last.t >= trendMinS;
		const dataGrowthKb = heapEnd.dataKb - heapStart.dataKb;
		const minutes = last.t < 120 ? `${Math.round(last.t)} s` : `${Math.round(last.t / 60)} min`;
		const received = pageEnd.snapshots - pageStart.snapshots;
		const pushed = pushedEnd - pushedStart;
		const reconnects = Math.max(pageEnd.opens, pageEnd.sources) - 1;
		// The page reconnects 2 s after a drop (the feed's retry), the reference sooner: a restart
		// may cost the page the pushes in between; it then gets the newest picture.
		const share = restarts ? 0.95 : 0.99;
		const soakNote = `${Math.round(last.t)} s at ${rate} ballots/s (${ok} accepted${refused ? `, ${refused} refused` : ''}), favourite changing every ${phaseS} s (${reference.orderChanges - orderStart} reorders pushed); post-GC samples every ${sampleEveryS} s`;
		context.log(
			`heap over time (s: MB, renderer RSS MB): ${samples.map((s) => `${Math.round(s.t)}: ${s.heapMb.toFixed(2)} ${s.rendererMb.toFixed(0)}`).join(', ')}`
		);
		const startNodes = samples[0].nodes;
		const startListeners = samples[0].listeners;
		return [
			{
				section: 'screen',
				metric: 'broadcast screen JS heap after GC at the start of the soak',
				value: round(samples[0].heapMb),
				unit: 'MB',
				note: `Chromium headless, 1920×1080, after ${warmupS} s of pushes (ECharts loaded, chart drawn); CDP Performance.getMetrics JSHeapUsedSize after HeapProfiler.collectGarbage`
			},
			{
				section: 'screen',
				metric: `broadcast screen JS heap growth over ${minutes} of pushes`,
				value: round(growth),
				unit: 'MB',
				target: '≤ 5 MB',
				met: growth <= 5,
				note: `floor of the last quarter ${round(floorEnd)} MB − floor of the first ${round(floorStart)} MB; end ${round(last.heapMb)} MB, peak ${round(Math.max(...samples.map((s) => s.heapMb)))} MB; includes code V8 compiles as functions get hot (about 1.5 MB over the first five minutes, then flat); ${soakNote}`
			},
			{
				section: 'screen',
				metric: 'broadcast screen JS heap trend over the second half of the soak',
				value: round(slope),
				unit: 'MB/h',
				...(judgeTrend ? { target: '≤ 2 MB/h', met: slope <= 2 } : {}),
				note: judgeTrend
					? `least-squares slope of the post-GC samples from ${Math.round(samples[half].t)} s on; 2 MB/h is 16 MB over an eight-hour broadcast, and fails a leak of 300 bytes per snapshot at ${rate} snapshots/s`
					: `informational: a soak under ${trendMinS / 60} minutes ends while V8 is still compiling hot code`
			},
			{
				section: 'screen',
				metric:
					'broadcast screen JS data growth (objects, arrays, strings, closures) over the soak',
				value: round(dataGrowthKb),
				unit: 'KB',
				target: '≤ 100 KB',
				met: dataGrowthKb <= 100,
				note: `two heap snapshots (start, end), compiled code and Blink's objects left out: ${round(heapStart.dataKb)} → ${round(heapEnd.dataKb)} KB (${round((dataGrowthKb / Math.max(1, received)) * 1024)} bytes per snapshot received); compiled code ${round(heapStart.codeKb)} → ${round(heapEnd.codeKb)} KB; 100 KB fails a leak of 85 bytes per snapshot over ten minutes`
			},
			{
				section: 'screen',
				metric: 'broadcast screen renderer process RSS growth over the soak',
				value: round(rendererGrowth),
				unit: 'MB',
				note: `floor of the last quarter − floor of the first (${round(floorOf(samples.slice(0, quarter), 'rendererMb'))} MB); end ${round(last.rendererMb)} MB; everything the page's process holds (Blink's heap and font caches, canvas, compiled code), from /proc; informational`
			},
			{
				section: 'screen',
				metric: 'broadcast screen DOM nodes, growth over the soak',
				value: last.nodes - startNodes,
				unit: 'count',
				target: '≤ 50',
				met: last.nodes - startNodes <= 50,
				note: `${startNodes} at the start, ${last.nodes} at the end, at most ${Math.max(...samples.map((s) => s.nodes))} (after GC, detached nodes included); JS event listeners ${startListeners} → ${last.listeners}`
			},
			{
				section: 'screen',
				metric: 'snapshots the screen received during the soak',
				value: received,
				unit: 'count',
				baseline: `${pushed} pushed (reference SSE viewer)`,
				target: `≥ ${share * 100} % of pushed, and the last one shown`,
				met: received >= share * pushed && shown === reference.lastId,
				note: `the screen shows sequence ${shown}, the last pushed is ${reference.lastId}; counted by a wrapper around EventSource`
			},
			{
				section: 'screen',
				metric: 'broadcast screen reconnects during the soak',
				value: reconnects,
				unit: 'count',
				target: restarts ? `${restarts} (one per app restart)` : '0',
				met: reconnects === restarts,
				note: `${restarts} app restart(s) during the soak (BENCH_SCREEN_RESTARTS); ${pageEnd.sources} EventSource object(s) opened, ${pageEnd.opens} open event(s), ${pageEnd.errors} error event(s)`
			}
		];
	} finally {
		reference?.close();
		agent.destroy();
		await browser?.close().catch(() => undefined);
		if (app) await stopApp(app);
		await database.drop().catch(() => undefined);
	}
};

/**
 * Runs in the page before its own scripts: counts EventSource objects, opens and snapshots. A
 * string, not a function: tsx would add helpers to a function's text that the page lacks.
 */
const countEventSource = `(() => {
	const stats = { sources: 0, opens: 0, errors: 0, snapshots: 0, lastId: '' };
	window.__screenBench = stats;
	const Native = window.EventSource;
	window.EventSource = class extends Native {
		constructor(url, init) {
			super(url, init);
			stats.sources++;
			this.addEventListener('open', () => stats.opens++);
			this.addEventListener('error', () => stats.errors++);
			this.addEventListener('snapshot', (event) => {
				stats.snapshots++;
				stats.lastId = event.lastEventId;
			});
		}
	};
})();`;

// ---------------------------------------------------------------------------------------------
// The campaign and its ballots

interface Campaign {
	id: number;
	codes: string[];
	/** Card i's ballot: every subject near its own level, the favourite near the top. */
	body(i: number, favourite: number): string;
}

async function prepareCampaign(url: string, cards: number): Promise<Campaign> {
	const handle = openDatabase({ url, maxConnections: 2 });
	try {
		await handle.migrate();
		const { id, codes, definition } = await openLiveCampaign(handle.db, '直播大屏长时测试', cards);
		const body = (i: number, favourite: number) =>
			liveBallotBody(definition, i, (s) => (s === favourite ? 0.95 : 0.45 + (s % 5) * 0.05), 0.2);
		return { id, codes, body };
	} finally {
		await handle.close();
	}
}

// ---------------------------------------------------------------------------------------------
// The reference viewer: what the server pushed

interface Reference {
	snapshots: number;
	orderChanges: number;
	lastId: string;
	close(): void;
}

function openReference(port: number, campaignId: number): Reference {
	const state: Reference = { snapshots: 0, orderChanges: 0, lastId: '', close: () => {} };
	let order = '';
	let closed = false;
	let request: http.ClientRequest | null = null;
	// Reconnects after a drop (an app restart) with the last id it holds, as EventSource does.
	const connect = () => {
		if (closed) return;
		let buffer = '';
		const headers: Record<string, string> = state.lastId ? { 'last-event-id': state.lastId } : {};
		request = http.get(
			{ host: '127.0.0.1', port, path: `/live/${campaignId}/events`, agent: false, headers },
			(response) => {
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => {
					buffer += chunk;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const message = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const lines = message.split('\n');
						if (!lines.includes('event: snapshot')) continue;
						state.snapshots++;
						state.lastId = lines.find((l) => l.startsWith('id: '))?.slice(4) ?? '';
						const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
						if (!data) continue;
						const snapshot = JSON.parse(data) as {
							ranking: { subjectId: number; position: number | null }[];
						};
						const now = snapshot.ranking
							.filter((e) => e.position !== null)
							.map((e) => e.subjectId)
							.join(',');
						if (order && now !== order) state.orderChanges++;
						order = now;
					}
				});
				response.once('close', () => setTimeout(connect, 300));
			}
		);
		request.once('error', () => setTimeout(connect, 300));
	};
	connect();
	state.close = () => {
		closed = true;
		request?.destroy();
	};
	return state;
}

// ---------------------------------------------------------------------------------------------

interface HeapSummary {
	/** Self sizes of JavaScript values: objects, arrays, strings, closures, numbers, shapes. */
	dataKb: number;
	/** Compiled code (bytecode, optimised code and their metadata). */
	codeKb: number;
}

/** Sums a heap snapshot's nodes by kind; Blink's (native) objects count in neither. */
function summarise(text: string): HeapSummary {
	const snapshot = JSON.parse(text) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
		nodes: number[];
	};
	const fields = snapshot.snapshot.meta.node_fields;
	const types = snapshot.snapshot.meta.node_types[0];
	const width = fields.length;
	const typeAt = fields.indexOf('type');
	const sizeAt = fields.indexOf('self_size');
	let data = 0;
	let code = 0;
	for (let i = 0; i < snapshot.nodes.length; i += width) {
		const type = types[snapshot.nodes[i + typeAt]];
		const size = snapshot.nodes[i + sizeAt];
		if (type === 'code') code += size;
		else if (type !== 'native' && type !== 'synthetic' && type !== 'hidden') data += size;
	}
	return { dataKb: data / 1024, codeKb: code / 1024 };
}

/** The renderer process that shows the page: the busiest one (a spare renderer idles). */
async function findRenderer(browser: import('playwright-core').Browser): Promise<number | null> {
	try {
		const session = await browser.newBrowserCDPSession();
		const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
			processInfo: { type: string; id: number; cpuTime: number }[];
		};
		await session.detach();
		const renderers = processInfo.filter((p) => p.type === 'renderer');
		renderers.sort((a, b) => b.cpuTime - a.cpuTime);
		return renderers[0]?.id ?? null;
	} catch {
		return null;
	}
}

/** Least-squares slope of heap over time, in MB per hour. */
function slopePerHour(samples: Sample[]): number {
	if (samples.length < 2) return 0;
	const n = samples.length;
	const mt = samples.reduce((a, s) => a + s.t, 0) / n;
	const mh = samples.reduce((a, s) => a + s.heapMb, 0) / n;
	let num = 0;
	let den = 0;
	for (const s of samples) {
		num += (s.t - mt) * (s.heapMb - mh);
		den += (s.t - mt) ** 2;
	}
	return den > 0 ? (num / den) * 3600 : 0;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

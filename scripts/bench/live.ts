// The live transport under a televised burst (issue 7): N SSE viewers watch a campaign's screen
// feed while N jurors submit their ballots in a burst through the real JSON ballot endpoint, on one
// app instance and then on two instances sharing one PostgreSQL (viewers split across both,
// ballots to both, kept in step by LISTEN/NOTIFY). Then a bounded soak: the same viewers through
// minutes of pushes (ballots at ten a second, alternating A/B).
//
// Memory over the soak: a leak is judged on the live JavaScript heap, the heap in use right after
// a full collection, asked through each app's inspector (opened by SIGUSR1 after the bursts, on a
// free loopback port) before the soak and after it; it fails when either grows by more than
// 5 MB. RSS is not judged by its growth: it follows the collector (a full collection returns
// memory that the old generation then takes back over minutes), so the soak reports its floor in
// each tenth, with the heap committed and in use from diagnostic reports (SIGWINCH, no heap
// walk), and judges only its peak (≤ 400 MB).
//
// Soak length: 180 s (full) or 20 s (quick), less whatever the section's time budget does not
// leave; BENCH_LIVE_SOAK_S=seconds sets it instead (0 skips it). A long soak needs a larger
// budget: BENCH_BUDGET_LIVE=2100 BENCH_LIVE_SOAK_S=1800 npm run bench -- --only live --out …
// (about 60 s of bursts come on top of the soak).
//
// Commit-to-screen latency (docs/LIVE.md, "Transport"): for the k-th acknowledged ballot of a
// phase (the k-th 2xx the bench received, at time t_ack), and for each viewer, the time from
// t_ack to the first snapshot that viewer received whose turnout (`voters`) is at least
// base + k, i.e. a picture that counts every ballot acknowledged up to that moment; 0 when the
// viewer already held such a picture when the 2xx arrived (the commit precedes the answer). One
// figure per (ballot, viewer) pair, so 1,000 ballots × 1,000 viewers give a million samples.
// A viewer that never reaches the final turnout, or whose stream closes, is a dropped viewer.
//
// Everything runs on loopback; every client runs in this process (plain node:http, one socket per
// viewer). It needs about (viewers + 300) open files here and as many in each app: Node raises
// its soft RLIMIT_NOFILE to the hard limit at start, so only a hard limit below that fails (then
// `ulimit -Hn` must be raised by whoever runs the bench; the section says so and stops).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { createServer } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../src/lib/server/db/connect';
import { scratchDatabase, startApp, type RunningApp } from './app';
import { liveBallotBody, openLiveCampaign, postBallot, stopApp } from './live-campaign';
import type { BenchRow, BenchSection } from './types';

interface Plan {
	viewers: number;
	jurors: number;
	/** Requests in flight during the burst (keep-alive sockets). */
	concurrency: number;
	/** Soak length (capped by the section's remaining budget) and its ballot rate. */
	soakMs: number;
	soakRate: number;
	/** How long after the last ballot every viewer has to show it. */
	settleMs: number;
}

const fullPlan: Plan = {
	viewers: 1000,
	jurors: 1000,
	concurrency: 100,
	soakMs: 180_000,
	soakRate: 10,
	settleMs: 10_000
};
const quickPlan: Plan = {
	viewers: 100,
	jurors: 100,
	concurrency: 25,
	soakMs: 20_000,
	soakRate: 10,
	settleMs: 5_000
};

/** BENCH_LIVE_SOAK_S=seconds: the soak's length instead of the plan's (see the header). */
function soakOverride(plan: Plan): Plan {
	const raw = process.env.BENCH_LIVE_SOAK_S;
	if (raw === undefined || raw === '') return plan;
	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds < 0)
		throw new Error(`BENCH_LIVE_SOAK_S must be a number of seconds, not ${JSON.stringify(raw)}`);
	return { ...plan, soakMs: seconds * 1000 };
}

/** Ports of this section (4500–4599): the first two free ones from here. */
const firstPort = Number(process.env.LIVE_BENCH_PORT ?? 4510);

export const live: BenchSection = async (context) => {
	const started = performance.now();
	const plan = soakOverride(context.quick ? quickPlan : fullPlan);
	const budgetMs = context.budgetMs ?? (context.quick ? 35_000 : 270_000);
	const deadline = started + budgetMs - 8_000; // leave time to stop the apps and drop the database
	checkOpenFiles(plan.viewers + 300);

	const database = await scratchDatabase(
		context.serverUrl,
		`${context.databasePrefix ?? 'mp_bench_'}live`
	);
	const apps: RunningApp[] = [];
	const viewers: Viewer[] = [];
	const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	try {
		context.log('setting up two campaigns with printed cards');
		const soakCards = Math.ceil((plan.soakMs / 1000) * plan.soakRate);
		const [one, two] = await prepareCampaigns(database.url, [plan.jurors, plan.jurors + soakCards]);
		const [portA, portB] = await freePorts(2);
		const reportDir = join(context.tempDir, 'live-diagnostics');
		mkdirSync(reportDir, { recursive: true });
		const appEnv = {
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn',
			NODE_OPTIONS: diagnosticOptions(reportDir)
		};
		apps.push(
			...(await Promise.all(
				[portA, portB].map((port) =>
					startApp({
						buildDir: context.buildDir,
						databaseUrl: database.url,
						port,
						env: appEnv,
						timeoutMs: 60_000
					})
				)
			))
		);
		const [appA, appB] = apps;
		const rows: BenchRow[] = [];

		// One instance: every viewer and every ballot on A (B runs idle beside it).
		const idleRss = appA.rssMb();
		const rss = sampleRss([appA]);
		context.log(`connecting ${plan.viewers} viewers to one instance`);
		viewers.push(...(await connectViewers([appA], one.id, plan.viewers, deadline)));
		const connectedRss = appA.rssMb();
		context.log(`${plan.jurors} jurors vote in a burst`);
		const burst = await submitBurst(agent, [appA], one.codes.slice(0, plan.jurors), one.body);
		const settled = await settle(viewers, burst.ok, plan.settleMs, deadline);
		const oneLatency = commitToScreen(burst.acks, viewers, 0);
		const onePeak = rss.stop()[0];
		const pushes = pushesDuring(viewers, burst.firstSent, settled.at);
		const gap = medianGap(viewers, burst.firstSent, settled.at);
		rows.push(
			...burstRows('1 instance', plan, burst, oneLatency, settled, viewers.length),
			{
				section: 'live',
				metric: 'live pushes per viewer during the burst (1 instance)',
				value: pushes,
				unit: 'count',
				note: `median over viewers of the snapshots received from the first ballot until every viewer showed the last; median gap between pushes ${round(gap)} ms (the hub paces pushes at one per 100 ms on average, or per twice a slower rebuild)`
			},
			{
				section: 'live',
				metric: `server RSS peak with ${plan.viewers} viewers during the burst (1 instance)`,
				value: round(onePeak),
				unit: 'MB',
				target: '≤ 400 MB',
				met: onePeak <= 400,
				note: `idle ${round(idleRss)} MB before the viewers, ${round(connectedRss)} MB with them connected; sampled every 100 ms from /proc`
			}
		);

		closeViewers(viewers);
		viewers.length = 0;

		// Two instances on one PostgreSQL: viewers split, ballots alternate between A and B.
		if (deadline - performance.now() < 6_000) {
			rows.push(skipped('two instances on one PostgreSQL', 'no time left in the budget'));
			return rows;
		}
		context.log(`two instances: ${plan.viewers} viewers split across A and B`);
		const rss2 = sampleRss([appA, appB]);
		viewers.push(...(await connectViewers([appA, appB], two.id, plan.viewers, deadline)));
		const burst2 = await submitBurst(
			agent,
			[appA, appB],
			two.codes.slice(0, plan.jurors),
			two.body
		);
		const settled2 = await settle(viewers, burst2.ok, plan.settleMs, deadline);
		const twoLatency = commitToScreen(burst2.acks, viewers, 0);
		const peaks = rss2.stop();
		const agreement = compareFinal(viewers);
		rows.push(
			...burstRows('2 instances', plan, burst2, twoLatency, settled2, viewers.length),
			{
				section: 'live',
				metric: 'commit-to-screen p95 across instances (ballot on one, viewer on the other)',
				value: round(twoLatency.cross.p95),
				unit: 'ms',
				target: '≤ 150 ms',
				met: twoLatency.cross.p95 <= 150,
				note: `${twoLatency.cross.n} (ballot, viewer) pairs; carried by NOTIFY (one per commit, with its figures) into the other hub's running tally and its next push; p50 ${round(twoLatency.cross.p50)} ms, p99 ${round(twoLatency.cross.p99)} ms`
			},
			{
				section: 'live',
				metric: 'viewers whose final snapshot differs from the others’ (2 instances)',
				value: agreement.differing,
				unit: 'count',
				target: '0 (both screens agree)',
				met: agreement.differing === 0 && agreement.instancesAgree,
				note: agreement.note
			},
			{
				section: 'live',
				metric: 'server RSS peak per instance during the burst (2 instances)',
				value: round(Math.max(...peaks)),
				unit: 'MB',
				target: '≤ 400 MB',
				met: Math.max(...peaks) <= 400,
				note: `A ${round(peaks[0])} MB, B ${round(peaks[1])} MB`
			}
		);

		// Soak: the same viewers (on both instances) through minutes of pushes, ballots trickling
		// in to both, for whatever the budget leaves (at most plan.soakMs).
		// The soak's own settle may run into the cushion kept for stopping the apps (see runSoak).
		// Two rounds of full collections (before and after) need their time too.
		const snapshotMs = context.quick ? 2_000 : 5_000;
		const soakMs = Math.min(plan.soakMs, deadline - performance.now() - 2_000 - snapshotMs);
		if (plan.soakMs === 0) {
			context.log('no soak (BENCH_LIVE_SOAK_S=0)');
		} else if (soakMs >= (context.quick ? 3_000 : 10_000)) {
			context.log(`soak: ${Math.round(soakMs / 1000)} s of pushes to ${viewers.length} viewers`);
			// The inspectors open only now, so the bursts ran without them.
			const inspectors = await Promise.all(apps.map(openInspector));
			const liveBefore = await Promise.all(inspectors.map(liveHeapMb));
			const soak = await runSoak(
				agent,
				[appA, appB],
				viewers,
				two,
				plan,
				soakMs,
				plan.jurors,
				deadline + 4_000,
				reportDir
			);
			const liveAfter = await Promise.all(inspectors.map(liveHeapMb));
			const heapGrowth = Math.max(...liveAfter.map((mb, i) => mb - liveBefore[i]));
			const during = `${Math.round(soakMs / 1000)} s of pushes to ${viewers.length} viewers`;
			const peak = Math.max(...soak.apps.map((a) => a.peak));
			rows.push(
				{
					section: 'live',
					metric: `live JavaScript heap growth over ${during} (largest of 2 instances)`,
					value: round(heapGrowth),
					unit: 'MB',
					target: '≤ 5 MB (no leak)',
					met: heapGrowth <= 5 && soak.dropped === 0,
					note:
						apps
							.map((_, i) => `${'AB'[i]} ${round(liveBefore[i])} → ${round(liveAfter[i])} MB`)
							.join(', ') +
						`; the heap in use right after a full collection (asked through each instance's inspector) before the soak and after it; ` +
						`${soak.ballots} ballots at ${plan.soakRate}/s alternating A/B, ${soak.pushes} pushes per viewer; ` +
						`commit-to-screen p95 at that rate ${round(soak.p95)} ms; ${soak.dropped} viewers dropped`
				},
				{
					section: 'live',
					metric: `server RSS peak over ${during} (largest of 2 instances)`,
					value: round(peak),
					unit: 'MB',
					target: '≤ 400 MB',
					met: peak <= 400,
					note:
						soak.apps
							.map(
								(a, i) =>
									`${'AB'[i]} peak ${round(a.peak)} MB, floor ${round(a.before)} MB in the first fifth and ${round(a.after)} MB in the last`
							)
							.join('; ') +
						'; RSS follows the garbage collector (the full collection before the soak returns memory, which the heap then takes back), so its floors are shown per tenth below, not judged'
				}
			);
			const series = (list: number[]) =>
				list.map((mb) => (Number.isFinite(mb) ? String(round(mb)) : '—')).join(', ');
			soak.apps.forEach((a, i) =>
				rows.push({
					section: 'live',
					metric: `server memory through the soak, instance ${'AB'[i]} (RSS floor in its last tenth)`,
					value: round(a.rssTenths[9]),
					unit: 'MB',
					note: `lowest figure in each tenth of the soak (${round(soakMs / 10_000)} s each): RSS ${series(a.rssTenths)} MB; JavaScript heap committed ${series(a.committedTenths)} MB, in use ${series(a.heapTenths)} MB (diagnostic reports, garbage included)`
				})
			);
		} else {
			rows.push(
				skipped('live JavaScript heap growth over a soak of pushes', 'no time left in the budget')
			);
		}
		lag.disable();
		const lagNote = `bench client event-loop delay p99 ${round(lag.percentile(99) / 1e6)} ms`;
		for (const row of rows)
			if (row.metric.startsWith('commit-to-screen p95')) row.note += `; ${lagNote}`;
		return rows;
	} finally {
		lag.disable();
		closeViewers(viewers);
		agent.destroy();
		await Promise.all(apps.map((app) => stopApp(app)));
		await database.drop().catch(() => undefined);
	}
};

// ---------------------------------------------------------------------------------------------
// Set-up

interface BenchCampaign {
	id: number;
	codes: string[];
	/** A juror's ballot body for card number i (scores vary per juror and subject). */
	body(i: number): string;
}

/** Unit-evaluation campaigns (8 units, 2 windows, 5 scored criteria), opened, with cards. */
async function prepareCampaigns(url: string, cards: number[]): Promise<BenchCampaign[]> {
	const handle = openDatabase({ url, maxConnections: 2 });
	try {
		await handle.migrate();
		const made: BenchCampaign[] = [];
		for (const [index, n] of cards.entries()) {
			const { id, codes, definition } = await openLiveCampaign(
				handle.db,
				`直播压力测试 ${index + 1}`,
				n
			);
			// Each subject has its own level, so the ranking is stable but not flat.
			const body = (i: number) => liveBallotBody(definition, i, (s) => (s + 3) / 14, 0.4);
			made.push({ id, codes, body });
		}
		return made;
	} finally {
		await handle.close();
	}
}

function checkOpenFiles(needed: number): void {
	let soft = Infinity;
	let hard = Infinity;
	try {
		const line = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
		if (line) {
			soft = line[1] === 'unlimited' ? Infinity : Number(line[1]);
			hard = line[2] === 'unlimited' ? Infinity : Number(line[2]);
		}
	} catch {
		return; // not Linux: let the sockets tell
	}
	if (Math.min(soft, hard) < needed)
		throw new Error(
			`the live benchmark needs ${needed} open files per process (soft limit ${soft}, hard ${hard}): run it from a shell after \`ulimit -n ${needed * 2}\``
		);
}

async function freePorts(n: number): Promise<number[]> {
	const found: number[] = [];
	for (let port = firstPort; port < 4600 && found.length < n; port++)
		if (await isFree(port)) found.push(port);
	if (found.length < n) throw new Error(`no ${n} free ports in ${firstPort}–4599`);
	return found;
}

function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

// ---------------------------------------------------------------------------------------------
// Viewers: plain node:http SSE clients, one socket each

interface Received {
	at: number;
	voters: number;
}

interface Viewer {
	instance: number;
	/** Snapshots whose turnout grew, in the order received (voters never shrink on one stream). */
	received: Received[];
	/** Every snapshot received, for counting pushes. */
	times: number[];
	lastData: string | null;
	closed: boolean;
	error: string | null;
	request: http.ClientRequest;
}

async function connectViewers(
	apps: RunningApp[],
	campaignId: number,
	n: number,
	deadline: number
): Promise<Viewer[]> {
	const viewers: Viewer[] = [];
	// Fifty connections at a time: a thousand SYNs at once only measure the listen backlog.
	for (let i = 0; i < n; i += 50) {
		const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) =>
			openViewer(apps[(i + j) % apps.length], (i + j) % apps.length, campaignId)
		);
		viewers.push(...(await Promise.all(batch)));
		if (performance.now() > deadline) throw new Error('out of time while connecting viewers');
	}
	return viewers;
}

function openViewer(app: RunningApp, instance: number, campaignId: number): Promise<Viewer> {
	return new Promise((resolve, reject) => {
		const request = http.get({
			host: '127.0.0.1',
			port: app.port,
			path: `/live/${campaignId}/events`,
			agent: false,
			headers: { accept: 'text/event-stream' }
		});
		const viewer: Viewer = {
			instance,
			received: [],
			times: [],
			lastData: null,
			closed: false,
			error: null,
			request
		};
		const timer = setTimeout(
			() => reject(new Error('a viewer got no first snapshot in 15 s')),
			15_000
		);
		request.once('error', (error) => {
			viewer.error ??= error.message;
			viewer.closed = true;
			clearTimeout(timer);
			reject(error);
		});
		request.once('response', (response) => {
			if (response.statusCode !== 200) {
				clearTimeout(timer);
				response.resume();
				reject(new Error(`the SSE feed answered ${response.statusCode}`));
				return;
			}
			response.setEncoding('utf8');
			let buffer = '';
			response.on('data', (chunk: string) => {
				const at = performance.now();
				buffer += chunk;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) !== -1) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = message.indexOf('\ndata: ');
					if (!message.includes('event: snapshot') || data === -1) continue;
					const json = message.slice(data + 7);
					viewer.lastData = json;
					viewer.times.push(at);
					// The first "voters" key is the snapshot's own (JSON.stringify keeps field order).
					const at0 = json.indexOf('"voters":');
					const voters = at0 === -1 ? NaN : parseInt(json.slice(at0 + 9, at0 + 21), 10);
					const last = viewer.received.at(-1);
					if (!last || voters > last.voters) viewer.received.push({ at, voters });
					if (viewer.times.length === 1) {
						clearTimeout(timer);
						resolve(viewer);
					}
				}
			});
			const closed = () => {
				viewer.closed = true;
			};
			response.once('end', closed);
			response.once('close', closed);
			response.once('error', (error) => {
				viewer.error ??= error.message;
				closed();
			});
		});
	});
}

function closeViewers(viewers: Viewer[]): void {
	for (const viewer of viewers) {
		viewer.closed = true;
		viewer.request.destroy();
	}
}

/** Waits until every viewer shows at least `voters`, or the time is up. */
async function settle(
	viewers: Viewer[],
	voters: number,
	settleMs: number,
	deadline: number
): Promise<{ at: number; behind: number }> {
	const until = Math.min(performance.now() + settleMs, deadline);
	const behind = () =>
		viewers.filter((v) => v.closed || (v.received.at(-1)?.voters ?? -1) < voters).length;
	while (behind() > 0 && performance.now() < until) await sleep(20);
	return { at: performance.now(), behind: behind() };
}

function pushesDuring(viewers: Viewer[], from: number, to: number): number {
	const counts = viewers.map((v) => v.times.filter((t) => t >= from && t <= to).length);
	counts.sort((a, b) => a - b);
	return counts[Math.floor(counts.length / 2)] ?? 0;
}

/** The median time between two snapshots on one viewer (the first viewer) in a window. */
function medianGap(viewers: Viewer[], from: number, to: number): number {
	const times = (viewers[0]?.times ?? []).filter((t) => t >= from && t <= to);
	const gaps = times.slice(1).map((t, i) => t - times[i]);
	gaps.sort((a, b) => a - b);
	return gaps[Math.floor(gaps.length / 2)] ?? NaN;
}

// ---------------------------------------------------------------------------------------------
// Ballots

interface Burst {
	ok: number;
	refused: Record<string, number>;
	errors: number;
	firstSent: number;
	lastAck: number;
	/** Acknowledgement times in the order they arrived, with the instance that answered. */
	acks: { at: number; instance: number }[];
}

/** Every card at once (the agent keeps `concurrency` in flight), alternating between the apps. */
async function submitBurst(
	agent: http.Agent,
	apps: RunningApp[],
	codes: string[],
	body: (i: number) => string
): Promise<Burst> {
	const bodies = codes.map((_, i) => body(i));
	const burst: Burst = {
		ok: 0,
		refused: {},
		errors: 0,
		firstSent: performance.now(),
		lastAck: 0,
		acks: []
	};
	await Promise.all(
		codes.map(async (code, i) => {
			const instance = i % apps.length;
			const { status, at } = await postBallot(agent, apps[instance].port, code, bodies[i]);
			if (status === 201 || status === 200) {
				burst.ok++;
				burst.acks.push({ at, instance });
				burst.lastAck = Math.max(burst.lastAck, at);
			} else if (status === 0) burst.errors++;
			else burst.refused[status] = (burst.refused[status] ?? 0) + 1;
		})
	);
	burst.acks.sort((a, b) => a.at - b.at);
	return burst;
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Percentiles {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

interface Latency {
	all: Percentiles;
	cross: Percentiles;
	/** (ballot, viewer) pairs whose ballot the viewer never showed. */
	missing: number;
}

/** The definition at the top of this file, for every (acknowledged ballot, viewer) pair. */
function commitToScreen(
	acks: { at: number; instance: number }[],
	viewers: Viewer[],
	base: number
): Latency {
	const all = new Float64Array(acks.length * viewers.length);
	const cross: number[] = [];
	let n = 0;
	let missing = 0;
	for (const viewer of viewers) {
		let j = 0;
		for (let k = 0; k < acks.length; k++) {
			const needed = base + k + 1;
			while (j < viewer.received.length && viewer.received[j].voters < needed) j++;
			if (j === viewer.received.length) {
				missing += acks.length - k;
				break;
			}
			const latency = Math.max(0, viewer.received[j].at - acks[k].at);
			all[n++] = latency;
			if (acks[k].instance !== viewer.instance) cross.push(latency);
		}
	}
	return {
		all: percentiles(all.subarray(0, n)),
		cross: percentiles(Float64Array.from(cross)),
		missing
	};
}

function percentiles(values: Float64Array): Percentiles {
	values.sort();
	const at = (q: number) =>
		values.length ? values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] : NaN;
	return { n: values.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

function burstRows(
	label: string,
	plan: Plan,
	burst: Burst,
	latency: Latency,
	settled: { behind: number },
	viewerCount: number
): BenchRow[] {
	const seconds = (burst.lastAck - burst.firstSent) / 1000;
	const throughput = seconds > 0 ? burst.ok / seconds : 0;
	const refusals = Object.entries(burst.refused)
		.map(([status, n]) => `${status} × ${n}`)
		.concat(burst.errors ? [`${burst.errors} failed requests`] : [])
		.join(', ');
	const { all } = latency;
	const setting = `${burst.ok} of ${plan.jurors} ballots (10 subjects × 5 criteria each) over POST /vote/<code>/ballot, ${plan.concurrency} in flight, ${viewerCount} SSE viewers connected`;
	return [
		{
			section: 'live',
			metric: `ballots per second during the burst (${label})`,
			value: round(throughput),
			unit: 'ballots/s',
			note: `${setting}${refusals ? `; refused: ${refusals}` : ''}`
		},
		{
			section: 'live',
			metric: `commit-to-screen p50 (${label})`,
			value: round(all.p50),
			unit: 'ms',
			note: `from each ballot's 2xx to the first snapshot showing it, per viewer (${all.n} pairs)`
		},
		{
			section: 'live',
			metric: `commit-to-screen p95 (${label})`,
			value: round(all.p95),
			unit: 'ms',
			target: '≤ 150 ms',
			met: all.p95 <= 150 && latency.missing === 0,
			note: `p99 ${round(all.p99)} ms, max ${round(all.max)} ms; ${latency.missing} pairs never shown`
		},
		{
			section: 'live',
			metric: `commit-to-screen p99 (${label})`,
			value: round(all.p99),
			unit: 'ms'
		},
		{
			section: 'live',
			metric: `viewers dropped (${label})`,
			value: settled.behind,
			unit: 'count',
			target: '0',
			met: settled.behind === 0,
			note: `viewers whose stream closed or that did not show the last ballot within ${plan.settleMs / 1000} s of it`
		}
	];
}

function compareFinal(viewers: Viewer[]): {
	differing: number;
	instancesAgree: boolean;
	note: string;
} {
	const keyOf = (data: string | null) => {
		if (!data) return 'none';
		const {
			sequence: _s,
			generatedAt: _g,
			...content
		} = JSON.parse(data) as Record<string, unknown>;
		return JSON.stringify(content);
	};
	const keys = viewers.map((v) => keyOf(v.lastData));
	const tally = new Map<string, number>();
	for (const key of keys) tally.set(key, (tally.get(key) ?? 0) + 1);
	const [common] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
	const differing = keys.filter((k) => k !== common).length;
	const perInstance = [0, 1].map((i) => keys.find((_, j) => viewers[j].instance === i));
	const instancesAgree = perInstance[0] !== undefined && perInstance[0] === perInstance[1];
	const shown =
		common === 'none'
			? null
			: (JSON.parse(common) as { voters: number; ranking: { label: string }[] });
	return {
		differing,
		instancesAgree,
		note: shown
			? `final turnout ${shown.voters} voters; ranking ${shown.ranking.map((e) => e.label).join(' > ')}; compared without sequence and time (each instance numbers its own pushes)`
			: 'no viewer received a snapshot'
	};
}

async function runSoak(
	agent: http.Agent,
	apps: RunningApp[],
	viewers: Viewer[],
	campaign: BenchCampaign,
	plan: Plan,
	soakMs: number,
	firstCard: number,
	settleBy: number,
	reportDir: string
) {
	const base = Math.min(...viewers.map((v) => v.received.at(-1)?.voters ?? 0));
	const samples = apps.map(() => [] as { at: number; mb: number }[]);
	const heaps = apps.map(() => [] as { at: number; mb: number }[]);
	const committed = apps.map(() => [] as { at: number; mb: number }[]);
	const sample = () =>
		apps.forEach((app, i) => samples[i].push({ at: performance.now(), mb: app.rssMb() }));
	const start = performance.now();
	// Every 500 ms, or often enough for a few samples in each fifth of a short soak.
	const sampler = setInterval(sample, Math.max(100, Math.min(500, soakMs / 25)));
	sample();
	// Heap used, from a diagnostic report per app (no heap walk, a few ms): 40 per soak, at most
	// one every 2 s and at least one every 15 s.
	let reading = false;
	const heapSampler = setInterval(
		() => {
			if (reading) return;
			reading = true;
			void Promise.all(
				apps.map(async (app, i) => {
					const heap = await heapFigures(app, reportDir);
					if (!heap) return;
					heaps[i].push({ at: performance.now(), mb: heap.usedMb });
					committed[i].push({ at: performance.now(), mb: heap.committedMb });
				})
			).finally(() => (reading = false));
		},
		Math.max(2_000, Math.min(15_000, soakMs / 40))
	);
	const acks: { at: number; instance: number }[] = [];
	const spacing = 1000 / plan.soakRate;
	let card = firstCard;
	while (performance.now() - start < soakMs && card < campaign.codes.length) {
		const sent = performance.now();
		const instance = card % apps.length;
		const { status, at } = await postBallot(
			agent,
			apps[instance].port,
			campaign.codes[card],
			campaign.body(card)
		);
		card++;
		if (status === 201 || status === 200) acks.push({ at, instance });
		await sleep(Math.max(0, spacing - (performance.now() - sent)));
	}
	const settled = await settle(viewers, base + acks.length, plan.settleMs, settleBy);
	clearInterval(sampler);
	clearInterval(heapSampler);
	const end = performance.now();
	const latency = commitToScreen(acks, viewers, base);
	// A leak raises the floor RSS returns to after each collection; the peaks are GC timing.
	const floor = (list: { at: number; mb: number }[], from: number, to: number) =>
		Math.min(...list.filter((x) => x.at >= from && x.at <= to).map((x) => x.mb));
	const fifth = (end - start) / 5;
	const before = apps.map((_, i) => floor(samples[i], start, start + fifth));
	const after = apps.map((_, i) => floor(samples[i], end - fifth, end));
	const tenth = (end - start) / 10;
	const tenths = (list: { at: number; mb: number }[]) =>
		Array.from({ length: 10 }, (_, k) => floor(list, start + k * tenth, start + (k + 1) * tenth));
	return {
		apps: apps.map((_, i) => ({
			before: before[i],
			after: after[i],
			peak: Math.max(...samples[i].map((x) => x.mb)),
			rssTenths: tenths(samples[i]),
			heapTenths: tenths(heaps[i]),
			committedTenths: tenths(committed[i])
		})),
		ballots: acks.length,
		pushes: pushesDuring(viewers, start, performance.now()),
		p95: latency.all.p95,
		dropped: settled.behind
	};
}

/**
 * The app's JavaScript heap, in MB, from a diagnostic report it writes on SIGWINCH (the apps run
 * with `--report-on-signal`, see `diagnosticOptions`): in use (garbage included) and committed;
 * null when none came within 5 s.
 */
async function heapFigures(
	app: RunningApp,
	dir: string
): Promise<{ usedMb: number; committedMb: number } | null> {
	const text = await diagnosticFile(app, dir, 'SIGWINCH', 'report.', 5_000);
	if (text === null) return null;
	const { javascriptHeap: heap } = JSON.parse(text) as {
		javascriptHeap: { usedMemory: number; totalCommittedMemory: number };
	};
	return { usedMb: heap.usedMemory / 2 ** 20, committedMb: heap.totalCommittedMemory / 2 ** 20 };
}

/**
 * Everything in the app's JavaScript heap still reachable, in MB: the heap in use right after a
 * full collection, asked through the app's inspector (`openInspector`). Taken only outside the
 * measured windows.
 */
async function liveHeapMb(inspector: string): Promise<number> {
	const socket = new WebSocket(inspector);
	const replies = new Map<number, (result: Record<string, unknown>) => void>();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data)) as {
			id?: number;
			result?: Record<string, unknown>;
		};
		if (message.id !== undefined) replies.get(message.id)?.(message.result ?? {});
	});
	await new Promise<void>((resolve, reject) => {
		socket.addEventListener('open', () => resolve(), { once: true });
		socket.addEventListener('error', () => reject(new Error('the inspector refused the bench')), {
			once: true
		});
	});
	let id = 0;
	const call = (method: string) =>
		new Promise<Record<string, unknown>>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`${method} got no answer in 60 s`)), 60_000);
			replies.set(++id, (result) => {
				clearTimeout(timer);
				resolve(result);
			});
			socket.send(JSON.stringify({ id, method }));
		});
	try {
		await call('HeapProfiler.collectGarbage');
		const usage = await call('Runtime.getHeapUsage');
		return Number(usage.usedSize) / 2 ** 20;
	} finally {
		socket.close();
	}
}

/**
 * Opens the app's inspector (SIGUSR1; `--inspect-port` in NODE_OPTIONS puts it on a free
 * loopback port) and returns its address, from the line Node prints.
 */
async function openInspector(app: RunningApp): Promise<string> {
	process.kill(app.child.pid!, 'SIGUSR1');
	const until = performance.now() + 10_000;
	while (performance.now() < until) {
		const found = /Debugger listening on (ws:\/\/\S+)/.exec(app.log.join(''));
		if (found) return found[1];
		await sleep(50);
	}
	throw new Error('an app opened no inspector on SIGUSR1 within 10 s');
}

/** Signals the app and returns the text of the file it writes (then deleted), or null. */
async function diagnosticFile(
	app: RunningApp,
	dir: string,
	signal: NodeJS.Signals,
	prefix: string,
	timeoutMs: number
): Promise<string | null> {
	const pid = app.child.pid;
	if (pid === undefined || app.child.exitCode !== null) return null;
	const mine = (name: string) => name.startsWith(prefix) && name.includes(`.${pid}.`);
	const { readdir, readFile, rm, stat } = await import('node:fs/promises');
	for (const name of (await readdir(dir)).filter(mine)) await rm(join(dir, name), { force: true });
	process.kill(pid, signal);
	const until = performance.now() + timeoutMs;
	let size = -1;
	while (performance.now() < until) {
		await sleep(100);
		const name = (await readdir(dir)).find(mine);
		if (!name) continue;
		// Written in pieces: read it once its size held still for one look.
		const now = (await stat(join(dir, name))).size;
		if (now !== size || now === 0) {
			size = now;
			continue;
		}
		const text = await readFile(join(dir, name), 'utf8');
		if (!text.trimEnd().endsWith('}')) continue; // not complete yet
		await rm(join(dir, name), { force: true });
		return text;
	}
	return null;
}

/**
 * NODE_OPTIONS for the apps: a compact diagnostic report into `dir` on SIGWINCH (heap figures
 * through the soak, no heap walk), and a free loopback port for the inspector that SIGUSR1 opens
 * (the live heap before and after the soak; closed until then).
 */
function diagnosticOptions(dir: string): string {
	const own = [
		'--report-on-signal',
		'--report-signal=SIGWINCH',
		`--report-directory=${dir}`,
		'--report-compact',
		'--report-exclude-network',
		'--report-exclude-env',
		'--inspect-port=127.0.0.1:0'
	].join(' ');
	return [process.env.NODE_OPTIONS, own].filter(Boolean).join(' ');
}

function sampleRss(apps: RunningApp[]): { stop(): number[] } {
	const peaks = apps.map((app) => app.rssMb());
	const timer = setInterval(() => {
		apps.forEach((app, i) => {
			try {
				peaks[i] = Math.max(peaks[i], app.rssMb());
			} catch {
				// the process is gone; its peak stays
			}
		});
	}, 100);
	return {
		stop() {
			clearInterval(timer);
			return peaks;
		}
	};
}

function skipped(metric: string, why: string): BenchRow {
	return { section: 'live', metric, value: NaN, unit: '', error: why };
}

function round(value: number): number {
	return Number.isFinite(value) ? Math.round(value * 10) / 10 : value;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

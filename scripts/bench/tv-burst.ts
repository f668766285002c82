// The TV-audience burst (issue 9): 100,000 ballots offered in 60 s at a steady rate (quick run:
// 5,000 in 5 s), open loop — each ballot leaves at its scheduled moment whether or not earlier ones
// were answered, as viewers' phones would — from audience ballot codes (one-time tokens per
// device, ballot_code.audience = true, made directly in the database) through the lean route,
// POST /vote/<code>/ballot. Latency runs from the scheduled moment to the whole answer, so a
// server that falls behind shows it. Then the database must hold every ballot, once.
import { scratchDatabase, startApp, type RunningApp } from './app';
import { checkStored, post, prepareCampaign, type Sent } from './ballots';
import { formatNumber, percentile } from './load';
import { RawPool } from './raw-http';
import type { BenchRow, BenchSection } from './types';

/** Connections the load generator holds open at once; due ballots beyond them wait their turn. */
const maxSockets = 256;
/** A ballot not answered within this is counted as lost for the latency figure, and reported. */
const requestTimeoutMs = 30_000;

export const tvBurst: BenchSection = async (context) => {
	const total = context.quick ? 5_000 : 100_000;
	const seconds = context.quick ? 5 : 60;
	const rate = total / seconds;
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}tv_burst`);
	let app: RunningApp | null = null;
	try {
		context.log(`tv-burst: ${formatNumber(total)} audience tokens`);
		const campaign = await prepareCampaign(database.url, {
			jurors: 0,
			codes: total,
			audience: true,
			title: 'Benchmark 电视观众投票'
		});
		app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
		const appUrl = app.url;
		const pool = new RawPool(new URL(appUrl), maxSockets);
		const body = (key: string) =>
			JSON.stringify({ idempotencyKey: key, ballots: campaign.ballots });

		context.log(`tv-burst: ${formatNumber(rate)} ballots/s offered for ${seconds} s`);
		const sent: Sent[] = [];
		// Ballots whose moment has come but find every connection busy wait here, in order (an
		// index, not Array.shift: a backlog of tens of thousands must not cost quadratic time).
		const due: { index: number; scheduled: number }[] = [];
		let nextDue = 0;
		let active = 0;
		let answered = 0;
		let allAnswered: () => void = () => undefined;
		const finished = new Promise<void>((done) => (allAnswered = done));
		const pump = () => {
			while (active < maxSockets && nextDue < due.length) {
				const { index, scheduled } = due[nextDue++];
				const key = crypto.randomUUID();
				active++;
				void post(
					pool,
					{
						path: `/vote/${campaign.codes[index]}/ballot`,
						key,
						headers: { 'content-type': 'application/json', origin: appUrl },
						body: body(key)
					},
					requestTimeoutMs
				).then((answer) => {
					sent.push({
						key,
						status: answer.status,
						receipt: answer.receipt,
						latencyMs: performance.now() - scheduled,
						measured: true
					});
					active--;
					if (++answered === total) allAnswered();
					else pump();
				});
			}
		};
		const started = performance.now();
		let i = 0;
		// Each ballot becomes due at its scheduled moment, whatever happened to the ones before.
		await new Promise<void>((done) => {
			const tick = () => {
				const now = performance.now();
				while (i < total && started + (i * 1000) / rate <= now) {
					due.push({ index: i, scheduled: started + (i * 1000) / rate });
					i++;
				}
				pump();
				if (i >= total) done();
				else setTimeout(tick, Math.max(0, started + (i * 1000) / rate - performance.now()));
			};
			tick();
		});
		const offeredS = (performance.now() - started) / 1000;
		// Bounded: whatever is still unanswered this long after the last ballot became due is cut
		// off (ballots still waiting for a connection included) and counted as unanswered.
		let cut = false;
		await Promise.race([
			finished,
			new Promise<void>((done) =>
				setTimeout(() => {
					cut = true;
					done();
				}, requestTimeoutMs).unref()
			)
		]);
		const drainedS = (performance.now() - started) / 1000;
		if (cut) {
			// Unanswered requests end now, as status 0.
			pool.close();
			for (const { index } of due.slice(nextDue))
				sent.push({ key: `unsent-${index}`, status: 0, latencyMs: NaN, measured: true });
			nextDue = due.length;
			while (active > 0) await new Promise((r) => setTimeout(r, 10));
		}
		pool.close();
		await app.stop();
		app = null;

		const check = await checkStored(
			database.url,
			campaign.campaignId,
			campaign.ballots.length,
			sent
		);
		const acknowledged = sent.filter((s) => s.status === 201);
		const lat = acknowledged.map((s) => s.latencyMs).sort((a, b) => a - b);
		const other = new Map<number, number>();
		for (const s of sent) if (s.status !== 201) other.set(s.status, (other.get(s.status) ?? 0) + 1);
		const otherText = [...other]
			.map(([status, n]) => `${status === 0 ? 'no answer' : status} × ${n}`)
			.join(', ');
		const allStored =
			acknowledged.length === total &&
			check.storedSubmissions === total &&
			check.missing + check.duplicated + check.extraBallots === 0;
		const rows: BenchRow[] = [
			{
				section: 'tv-burst',
				metric: `audience ballots committed of ${formatNumber(total)} offered in ${seconds} s`,
				value: check.storedSubmissions,
				unit: 'count',
				target: `all ${formatNumber(total)}, each once`,
				met: allStored,
				note:
					`open loop at ${formatNumber(rate)}/s through POST /vote/<code>/ballot (lean route), offered in ` +
					`${offeredS.toFixed(1)} s, ${cut ? 'cut off' : 'last answer'} after ${drainedS.toFixed(1)} s; ${formatNumber(acknowledged.length)} × 201` +
					(otherText ? `, ${otherText}` : '') +
					`; ${formatNumber(pool.resent)} sent again on a new connection (a kept-alive one closed under them before any answer; browsers resend those, the same key)` +
					`; database: missing ${check.missing}, duplicated ${check.duplicated}, extra rows ${check.extraBallots}`
			},
			{
				section: 'tv-burst',
				metric: 'audience ballot latency p99 (scheduled moment to 201)',
				value: percentile(lat, 0.99),
				unit: 'ms',
				target: '< 500 ms',
				met: lat.length === total && percentile(lat, 0.99) < 500,
				note: `p50 ${formatNumber(percentile(lat, 0.5), 1)} ms, p95 ${formatNumber(percentile(lat, 0.95), 1)} ms, max ${formatNumber(lat.at(-1) ?? NaN, 1)} ms; up to ${maxSockets} connections`
			}
		];
		return rows;
	} finally {
		if (app) await app.stop().catch(() => undefined);
		await database
			.drop()
			.catch((error: unknown) => context.log(`tv-burst: drop failed: ${String(error)}`));
	}
};

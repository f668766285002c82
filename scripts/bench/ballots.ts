// Durable ballots per second over HTTP (issue 9): the production build on a fresh PostgreSQL
// database, 50 concurrent clients, each request a real juror's session cookie (validated by the
// app), a complete ballot with its own idempotency key, answered 201 only after the commit that
// holds it (lean ballot route + group commit, docs/adr/0002-lean-ballot-route.md). Then the
// database is checked: every 2xx stored exactly once, nothing stored twice. A second, shorter
// figure does the same with printed ballot cards (POST /vote/<code>/ballot).
import postgres from 'postgres';
import { generateBallotCode } from '../../src/lib/domain/campaign-code';
import {
	generateSessionToken,
	hashToken,
	newSessionTimes,
	sessionPolicies
} from '../../src/lib/server/auth/token';
import { hashBallotCode } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import { getBallotDefinition } from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';
import { openDatabase } from '../../src/lib/server/db/connect';
import { scratchDatabase, startApp, type RunningApp } from './app';
import { RawPool, receiptOf } from './raw-http';
import { formatNumber, loadProfile, percentile, postgresCpuMs, processCpuMs } from './load';
import { findBaseline, type BenchRow, type BenchSection } from './types';

/** One complete ballot for the benchmark survey, as the JSON endpoints take it (without key). */
export type BallotBody = { subjectId: number; answers: Record<string, { option: string }> }[];

export interface BenchCampaign {
	campaignId: number;
	ballots: BallotBody;
	/** Session tokens (cookies) of jurors on the campaign's list, one vote each. */
	jurorTokens: string[];
	/** Ballot codes in clear, one vote each. */
	codes: string[];
}

/**
 * A satisfaction survey (one subject, four choice questions) made and opened through the app's
 * own server code, with `jurors` juror accounts on its named list, each signed in (a session as
 * /code creates it: only the token's hash stored), and `codes` ballot codes — all written in bulk.
 */
export async function prepareCampaign(
	databaseUrl: string,
	options: { jurors: number; codes: number; audience?: boolean; title: string }
): Promise<BenchCampaign> {
	const handle = openDatabase({ url: databaseUrl });
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		await handle.migrate();
		const campaignId = await createCampaignFromTemplate(
			handle.db,
			{
				kind: 'satisfaction_survey',
				title: options.title,
				regionId: null,
				electorateSource: options.jurors > 0 ? 'named' : 'codes',
				subjects: []
			},
			null
		);
		const jurorTokens: string[] = [];
		for (let made = 0; made < options.jurors; made += 20_000) {
			const n = Math.min(20_000, options.jurors - made);
			const ids = (
				await sql<{ id: number }[]>`
					insert into app_user (kind, display_name)
					select 'juror', 'bench juror ' || g from generate_series(${made + 1}::int, ${made + n}::int) g
					returning id`
			).map((r) => r.id);
			const tokens = ids.map(() => generateSessionToken());
			const times = newSessionTimes(sessionPolicies.juror, new Date());
			await sql`
				insert into session (id, user_id, created_at, last_used_at, expires_at, absolute_expires_at)
				select t.id, t.user_id, ${times.createdAt}, ${times.lastUsedAt}, ${times.expiresAt}, ${times.absoluteExpiresAt}
				from json_to_recordset(${sql.json(ids.map((id, k) => ({ id: hashToken(tokens[k]), user_id: id })))}::json)
					as t(id text, user_id int)`;
			await sql`
				insert into electorate (campaign_id, user_id)
				select ${campaignId}, u::int from json_array_elements_text(${sql.json(ids)}::json) u`;
			jurorTokens.push(...tokens);
		}
		const codes: string[] = [];
		for (let made = 0; made < options.codes; made += 20_000) {
			const batch = Array.from({ length: Math.min(20_000, options.codes - made) }, () =>
				generateBallotCode()
			);
			await sql`
				insert into ballot_code (campaign_id, code_hash, audience)
				select ${campaignId}, h, ${options.audience ?? false}
				from json_array_elements_text(${sql.json(batch.map(hashBallotCode))}::json) h`;
			codes.push(...batch);
		}
		await transitionCampaign(handle.db, campaignId, 'open', null);
		const definition = await getBallotDefinition(handle.db, campaignId);
		if (!definition) throw new Error('the benchmark campaign vanished');
		const ballots = definition.subjects.map((subject) => ({
			subjectId: subject.id,
			answers: Object.fromEntries(
				definition.questions
					.filter((q) => q.appliesTo.includes(subject.kind))
					.map((q) => {
						if (q.scale.type !== 'choice') throw new Error(`unexpected ${q.scale.type} question`);
						// Spread the answers over the scale, as real ballots are.
						const option = q.scale.options[Math.floor(Math.random() * q.scale.options.length)];
						return [q.key, { option: option.key }];
					})
			)
		}));
		return { campaignId, ballots, jurorTokens, codes };
	} finally {
		await sql.end();
		await handle.close();
	}
}

export interface Sent {
	key: string;
	status: number;
	/** Milliseconds from sending (or, open-loop, from the scheduled moment) to the whole answer. */
	latencyMs: number;
	/** Answered inside the measured window. */
	measured: boolean;
	receipt?: string;
}

export interface BallotRequest {
	path: string;
	headers: Record<string, string>;
	key: string;
	body: string;
}

/** One POST on a connection of the pool; resolves with the status and the receipt (if any). */
export async function post(
	pool: RawPool,
	request: BallotRequest,
	timeoutMs = 30_000
): Promise<{ status: number; receipt?: string }> {
	const answer = await pool.post(request, timeoutMs);
	return { status: answer.status, receipt: receiptOf(answer) };
}

/**
 * `concurrency` clients send `next()`'s ballots back to back (closed loop) for warm-up plus
 * `durationS`; stops early when `next()` runs out. Every request and its answer is kept.
 */
export async function closedLoop(
	appUrl: string,
	options: { concurrency: number; durationS: number; warmupS: number },
	next: () => BallotRequest | null
): Promise<{ sent: Sent[]; measuredS: number; exhausted: boolean }> {
	const pool = new RawPool(new URL(appUrl), options.concurrency);
	const started = performance.now();
	const measureFrom = started + options.warmupS * 1000;
	const measureUntil = measureFrom + options.durationS * 1000;
	const sent: Sent[] = [];
	let exhausted = false;
	const worker = async () => {
		while (performance.now() < measureUntil) {
			const request = next();
			if (!request) {
				exhausted = true;
				return;
			}
			const at = performance.now();
			const answer = await post(pool, request);
			const done = performance.now();
			sent.push({
				key: request.key,
				status: answer.status,
				receipt: answer.receipt,
				latencyMs: done - at,
				measured: at >= measureFrom && done <= measureUntil
			});
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	pool.close();
	const measuredS = Math.max(
		0.001,
		(Math.min(performance.now(), measureUntil) - measureFrom) / 1000
	);
	return { sent, measuredS, exhausted };
}

export interface StoredCheck {
	/** 2xx answers whose key is not stored, or stored with another receipt. */
	missing: number;
	/** Keys stored more than once (impossible by the primary key; counted to show it). */
	duplicated: number;
	/** Ballot rows beyond one per stored submission and subject. */
	extraBallots: number;
	/** Submissions stored without any 2xx (a request that timed out after its commit). */
	unacknowledged: number;
	storedSubmissions: number;
	storedBallots: number;
}

/** Every acknowledged ballot stored exactly once, with the receipt it was given. */
export async function checkStored(
	databaseUrl: string,
	campaignId: number,
	subjects: number,
	sent: Sent[]
): Promise<StoredCheck> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const rows = await sql<{ key: string; receipt: string }[]>`
			select idempotency_key as key, receipt_code as receipt from submission where campaign_id = ${campaignId}`;
		const [{ n: ballots }] = await sql<{ n: number }[]>`
			select count(*)::int as n from ballot where campaign_id = ${campaignId}`;
		const [{ n: participation }] = await sql<{ n: number }[]>`
			select count(*)::int as n from participation where campaign_id = ${campaignId}`;
		const stored = new Map<string, string>();
		let duplicated = 0;
		for (const row of rows) {
			if (stored.has(row.key)) duplicated++;
			stored.set(row.key, row.receipt);
		}
		const acknowledged = new Map<string, string | undefined>();
		for (const s of sent)
			if (s.status === 200 || s.status === 201) acknowledged.set(s.key, s.receipt);
		let missing = 0;
		for (const [key, receipt] of acknowledged) if (stored.get(key) !== receipt) missing++;
		const unacknowledged = [...stored.keys()].filter((key) => !acknowledged.has(key)).length;
		return {
			missing,
			duplicated,
			extraBallots:
				Math.max(0, ballots - rows.length * subjects) +
				Math.max(0, participation - rows.length * subjects),
			unacknowledged,
			storedSubmissions: rows.length,
			storedBallots: ballots
		};
	} finally {
		await sql.end();
	}
}

function latencies(sent: Sent[]): number[] {
	return sent
		.filter((s) => s.measured && s.status === 201)
		.map((s) => s.latencyMs)
		.sort((a, b) => a - b);
}

function refusals(sent: Sent[]): string {
	const counts = new Map<number, number>();
	for (const s of sent) if (s.status !== 201) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
	return [...counts]
		.map(([status, n]) => `${status === 0 ? 'no answer' : status} × ${n}`)
		.join(', ');
}

const ballotBody = (key: string, ballots: BallotBody) =>
	JSON.stringify({ idempotencyKey: key, ballots });

export const ballots: BenchSection = async (context) => {
	const rows: BenchRow[] = [];
	const profile = loadProfile(context);
	const cardS = context.quick ? 2 : 5;
	// Enough voters for 10,000 ballots a second, warm-up included; a run that exhausts them says so.
	const perSecondCap = 10_000;
	const jurors = perSecondCap * (profile.durationS + profile.warmupS);
	const codes = perSecondCap * (cardS + 1);
	const database = await scratchDatabase(context.serverUrl, `${context.databasePrefix}ballots`);
	let app: RunningApp | null = null;
	try {
		const setupStarted = performance.now();
		context.log(
			`ballots: ${formatNumber(jurors)} signed-in jurors and ${formatNumber(codes)} cards`
		);
		const campaign = await prepareCampaign(database.url, {
			jurors,
			codes,
			title: 'Benchmark 满意度（陪审员）'
		});
		context.log(`ballots: prepared in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
		app = await startApp({ buildDir: context.buildDir, databaseUrl: database.url });
		const subjects = campaign.ballots.length;

		// Jurors: session cookie, POST /api/ballots/<campaign>.
		let nextJuror = 0;
		context.log(
			`ballots: ${profile.connections} jurors at a time, ${profile.durationS} s after ${profile.warmupS} s warm-up`
		);
		const cpuBefore = {
			server: processCpuMs(app.child.pid!),
			database: postgresCpuMs(),
			client: process.cpuUsage()
		};
		const jurorRun = await closedLoop(
			app.url,
			{ concurrency: profile.connections, ...profile },
			() => {
				const token = campaign.jurorTokens[nextJuror++];
				if (!token) return null;
				const key = crypto.randomUUID();
				return {
					path: `/api/ballots/${campaign.campaignId}`,
					key,
					headers: {
						'content-type': 'application/json',
						origin: app!.url,
						cookie: `minping_session=${token}`
					},
					body: ballotBody(key, campaign.ballots)
				};
			}
		);

		const clientCpu = process.cpuUsage(cpuBefore.client);
		const cpuAfter = { server: processCpuMs(app.child.pid!), database: postgresCpuMs() };
		const jurorAcks = jurorRun.sent.filter((s) => s.status === 201).length;

		// Cards: POST /vote/<code>/ballot.
		let nextCard = 0;
		const cardRun = await closedLoop(
			app.url,
			{ concurrency: profile.connections, durationS: cardS, warmupS: 1 },
			() => {
				const code = campaign.codes[nextCard++];
				if (!code) return null;
				const key = crypto.randomUUID();
				return {
					path: `/vote/${code}/ballot`,
					key,
					headers: { 'content-type': 'application/json', origin: app!.url },
					body: ballotBody(key, campaign.ballots)
				};
			}
		);
		await app.stop();
		app = null;

		const check = await checkStored(database.url, campaign.campaignId, subjects, [
			...jurorRun.sent,
			...cardRun.sent
		]);
		const measured = jurorRun.sent.filter((s) => s.measured && s.status === 201).length;
		const perSecond = measured / jurorRun.measuredS;
		const lat = latencies(jurorRun.sent);
		const P = findBaseline(context, 'P');
		const ratio = P ? perSecond / P.value : undefined;
		const refused = refusals(jurorRun.sent);
		rows.push({
			section: 'ballots',
			metric: 'durable ballots per second over HTTP (signed-in jurors, lean route, group commit)',
			value: perSecond,
			unit: 'ballots/s',
			baseline: P ? `P = ${formatNumber(P.value)} rows/s` : undefined,
			target: '≥ 0.6 × P',
			met: ratio === undefined ? undefined : ratio >= 0.6,
			note:
				`${profile.connections} concurrent, ${profile.durationS} s after ${profile.warmupS} s warm-up; ` +
				`a ballot counts when its 201 arrived (sent after its commit)` +
				(P ? '' : '; P not measured in this run (--only), so no ratio') +
				(jurorRun.exhausted ? '; ran out of jurors' : '') +
				(refused ? `; other answers: ${refused}` : '')
		});
		if (ratio !== undefined)
			rows.push({
				section: 'ballots',
				metric: 'durable ballots per second ÷ P',
				value: ratio,
				unit: '×',
				baseline: `P = ${formatNumber(P!.value)} rows/s`,
				target: '≥ 0.6',
				met: ratio >= 0.6
			});
		rows.push(
			{
				section: 'ballots',
				metric: 'ballot latency p50 (juror, 201)',
				value: percentile(lat, 0.5),
				unit: 'ms',
				note: `${formatNumber(lat.length)} measured ballots, send to whole answer`
			},
			{
				section: 'ballots',
				metric: 'ballot latency p99 (juror, 201)',
				value: percentile(lat, 0.99),
				unit: 'ms'
			}
		);
		rows.push({
			section: 'ballots',
			metric: 'server CPU time per ballot (juror)',
			value: (cpuAfter.server - cpuBefore.server) / Math.max(1, jurorAcks),
			unit: 'ms',
			note:
				`the app process's user + system CPU over the juror load (warm-up included) ÷ its ${formatNumber(jurorAcks)} ballots answered 201; ` +
				`PostgreSQL's processes used ${formatNumber((cpuAfter.database - cpuBefore.database) / Math.max(1, jurorAcks), 3)} ms per ballot meanwhile ` +
				`(every postgres process on the machine) and the load generator ${formatNumber((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, jurorAcks), 3)} ms; ` +
				`little affected by other load`
		});
		const cardMeasured = cardRun.sent.filter((s) => s.measured && s.status === 201).length;
		rows.push({
			section: 'ballots',
			metric: 'durable ballots per second over HTTP (ballot cards, POST /vote/<code>/ballot)',
			value: cardMeasured / cardRun.measuredS,
			unit: 'ballots/s',
			baseline: P ? `P = ${formatNumber(P.value)} rows/s` : undefined,
			note:
				`${profile.connections} concurrent, ${cardS} s after 1 s warm-up; p99 ${formatNumber(percentile(latencies(cardRun.sent), 0.99), 1)} ms` +
				(cardRun.exhausted ? '; ran out of cards' : '')
		});
		const acknowledged = [...jurorRun.sent, ...cardRun.sent].filter(
			(s) => s.status === 200 || s.status === 201
		).length;
		rows.push({
			section: 'ballots',
			metric: 'acknowledged ballots not stored exactly once',
			value: check.missing + check.duplicated + check.extraBallots,
			unit: 'count',
			target: '0',
			met: check.missing + check.duplicated + check.extraBallots === 0,
			note:
				`${formatNumber(acknowledged)} 2xx checked against ${formatNumber(check.storedSubmissions)} stored submissions ` +
				`(${formatNumber(check.storedBallots)} ballots); missing ${check.missing}, duplicated ${check.duplicated}, ` +
				`extra rows ${check.extraBallots}, stored without a 2xx ${check.unacknowledged}`
		});
		return rows;
	} finally {
		if (app) await app.stop().catch(() => undefined);
		await database
			.drop()
			.catch((error: unknown) => context.log(`ballots: drop failed: ${String(error)}`));
	}
};

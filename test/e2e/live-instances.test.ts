// Two app instances on one PostgreSQL stay in step (docs/LIVE.md, "Transport"): a second instance
// is started on the e2e app's database, both serve the live SSE feed, ballots go to both, and
// both feeds must converge to the same turnout and ranking. PostgreSQL only: on PGlite one
// process owns the database, so there is no second instance to keep in step.
import http from 'node:http';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveSnapshot } from '../../src/lib/domain/live-snapshot';
import { createBallotCodes } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import {
	getBallotDefinition,
	type BallotDefinition
} from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { startApp, type RunningApp } from '../../scripts/bench/app';

const databaseUrl = inject('databaseUrl');
const bureaus = ['甲局', '乙局', '丙局'];

interface Feed {
	snapshots: LiveSnapshot[];
	/** Everything received, raw (to see what a resumed connection was sent first). */
	raw: string;
	closed: boolean;
	close(): void;
}

/** A plain node:http SSE reader (what a graphics system would run), one socket. */
function openFeed(origin: string, campaignId: number, lastEventId?: number): Promise<Feed> {
	return new Promise((resolve, reject) => {
		const url = new URL(`/live/${campaignId}/events`, origin);
		if (lastEventId !== undefined) url.searchParams.set('lastEventId', String(lastEventId));
		const request = http.get(url, { headers: { accept: 'text/event-stream' }, agent: false });
		const feed: Feed = { snapshots: [], raw: '', closed: false, close: () => request.destroy() };
		request.once('error', reject);
		request.once('response', (response) => {
			if (response.statusCode !== 200) {
				reject(new Error(`feed answered ${response.statusCode}`));
				return;
			}
			response.setEncoding('utf8');
			let buffer = '';
			response.on('data', (chunk: string) => {
				feed.raw += chunk;
				buffer += chunk;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) !== -1) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = /^data: (.*)$/m.exec(message);
					if (/^event: snapshot$/m.test(message) && data)
						feed.snapshots.push(JSON.parse(data[1]) as LiveSnapshot);
				}
			});
			response.once('close', () => (feed.closed = true));
			// Resolve once the stream is open (the retry line always comes first).
			const ready = () => (feed.raw.includes('retry:') ? resolve(feed) : undefined);
			response.on('data', ready);
		});
	});
}

/** The picture without what each instance numbers for itself. */
function content(snapshot: LiveSnapshot | undefined) {
	if (!snapshot) return null;
	const { sequence: _sequence, generatedAt: _generatedAt, ...rest } = snapshot;
	return rest;
}

const order = (snapshot: LiveSnapshot | undefined) =>
	snapshot?.ranking.map((entry) => entry.label) ?? [];

async function freePortFrom(first: number): Promise<number> {
	for (let port = first; port < 4600; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer();
			probe.once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port for the second instance');
}

describe.skipIf(!databaseUrl)(
	'two app instances on one PostgreSQL (skipped on PGlite: one process owns an embedded database, so there is no second instance)',
	() => {
		const instanceA = inject('baseURL');
		let handle: DatabaseHandle;
		let second: RunningApp;
		let instanceB: string;
		let campaignId: number;
		let definition: BallotDefinition;
		let codes: string[];
		const feeds: Feed[] = [];

		beforeAll(async () => {
			handle = openDatabase({ url: databaseUrl, maxConnections: 2 });
			campaignId = await createCampaignFromTemplate(
				handle.db,
				{
					kind: 'unit_evaluation',
					title: 'E2E 双实例直播',
					regionId: null,
					electorateSource: 'codes',
					subjects: bureaus.map((label) => ({ kind: 'unit' as const, label }))
				},
				null
			);
			await transitionCampaign(handle.db, campaignId, 'open', null);
			const loaded = await getBallotDefinition(handle.db, campaignId);
			if (!loaded) throw new Error('campaign vanished');
			definition = loaded;
			codes = await createBallotCodes(handle.db, campaignId, 8, null);
			second = await startApp({
				buildDir: process.env.MINPING_BUILD_DIR || 'build',
				databaseUrl,
				port: await freePortFrom(4530),
				env: { SEED_DEMO: 'false' },
				timeoutMs: 120_000
			});
			instanceB = second.url;
		});

		afterAll(async () => {
			for (const feed of feeds) feed.close();
			await second?.stop();
			await handle?.close();
		});

		/** One card's ballot through the JSON endpoint of one instance; every bureau gets its score. */
		async function vote(origin: string, code: string, scores: number[]): Promise<void> {
			const ballots = definition.subjects.map((subject, i) => ({
				subjectId: subject.id,
				answers: Object.fromEntries(
					definition.questions
						.filter((q) => q.appliesTo.includes(subject.kind))
						.map((q) => [q.key, { score: scores[i] }])
				)
			}));
			const response = await fetch(`${origin}/vote/${code}/ballot`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin },
				body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), ballots })
			});
			expect(response.status).toBe(201);
		}

		it('shows ballots sent to either instance on both feeds, which agree on turnout and ranking', async () => {
			const [feedA, feedB] = await Promise.all([
				openFeed(instanceA, campaignId),
				openFeed(instanceB, campaignId)
			]);
			feeds.push(feedA, feedB);
			await expect.poll(() => feedA.snapshots.length && feedB.snapshots.length).toBeTruthy();
			expect(feedA.snapshots[0].voters).toBe(0);

			// Listen like a third instance would: every ballot commit is announced.
			const listener = postgres(databaseUrl, { max: 1, onnotice: () => {} });
			const heard: string[] = [];
			await listener.listen('minping_live', (payload) => heard.push(payload));
			try {
				// Six cards, three to each instance, interleaved: 乙局 best, then 丙局, then 甲局.
				const scores = [60, 95, 80];
				for (let i = 0; i < 6; i++)
					await vote(
						i % 2 ? instanceB : instanceA,
						codes[i],
						scores.map((s) => s - i)
					);
				await expect.poll(() => heard.some((p) => p.startsWith(`${campaignId}:`))).toBe(true);
			} finally {
				await listener.end({ timeout: 5 });
			}

			// The safety-net poll alone would take up to two seconds; NOTIFY makes it quicker, but the
			// assertion here is convergence, with time for a loaded machine.
			await expect
				.poll(() => [feedA.snapshots.at(-1)?.voters, feedB.snapshots.at(-1)?.voters], {
					timeout: 10_000
				})
				.toEqual([6, 6]);
			const [lastA, lastB] = [feedA.snapshots.at(-1), feedB.snapshots.at(-1)];
			expect(content(lastA)).toEqual(content(lastB));
			expect(order(lastA)).toEqual(['乙局', '丙局', '甲局']);
			expect(lastA?.ballots).toBe(18);
			expect(lastA?.turnout.reduce((n, t) => n + t.voted, 0)).toBe(6);
			// Each instance's own sequence only grows.
			for (const feed of [feedA, feedB])
				for (let i = 1; i < feed.snapshots.length; i++)
					expect(feed.snapshots[i].sequence).toBeGreaterThan(feed.snapshots[i - 1].sequence);
			// The JSON feed of either instance says the same.
			const [jsonA, jsonB] = await Promise.all(
				[instanceA, instanceB].map(async (origin) =>
					(await fetch(`${origin}/api/public/live/${campaignId}`)).json()
				)
			);
			expect(content(jsonA as LiveSnapshot)).toEqual(content(lastA));
			expect(content(jsonB as LiveSnapshot)).toEqual(content(lastA));
		});

		it('resumes on the second instance without resending what the viewer holds, sends it to a viewer coming from the first, then carries the next ballot', async () => {
			const current = (await (
				await fetch(`${instanceB}/api/public/live/${campaignId}`)
			).json()) as LiveSnapshot;
			const resumed = await openFeed(instanceB, campaignId, current.sequence);
			feeds.push(resumed);
			await new Promise((r) => setTimeout(r, 300));
			expect(resumed.snapshots).toHaveLength(0);

			// A viewer coming over from the first instance holds a number the second never handed
			// out for this picture: it gets the current snapshot at once.
			const fromA = (await (
				await fetch(`${instanceA}/api/public/live/${campaignId}`)
			).json()) as LiveSnapshot;
			expect(fromA.sequence).not.toBe(current.sequence);
			const movedOver = await openFeed(instanceB, campaignId, fromA.sequence);
			feeds.push(movedOver);
			await expect.poll(() => movedOver.snapshots.length).toBe(1);
			expect(content(movedOver.snapshots[0])).toEqual(content(current));

			await vote(instanceA, codes[6], [99, 50, 50]);
			await expect.poll(() => resumed.snapshots.at(-1)?.voters, { timeout: 10_000 }).toBe(7);
			expect(resumed.snapshots.at(-1)?.sequence).toBeGreaterThan(current.sequence);
			expect(order(resumed.snapshots.at(-1))[0]).toBe('乙局');
		});
	}
);

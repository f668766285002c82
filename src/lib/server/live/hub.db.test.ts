import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testServerUrl,
	type TestDatabase
} from '../../../../test/support/database';
import type { ControlAction } from '$lib/domain/live-reveal';
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import { countBallots } from '$lib/server/campaigns/submit';
import * as table from '$lib/server/db/schema';
import {
	cast,
	criteria,
	closeFixture,
	openFixture,
	type Fixture
} from '$lib/server/results/test-fixtures';
import { minPushIntervalMs, sequenceStep } from '$lib/domain/live-throttle';
import { LiveHub } from './hub';
import { createPostgresBus } from './notify';
import { changeLiveControl, ControlError, getLiveControl } from './state';
import { loadLiveSource, rankingOf } from './tally';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function unitCampaign(): Promise<Fixture> {
	const units = ['甲局', '乙局', '丙局'].map((label) => ({ kind: 'unit' as const, label }));
	const fixture = await openFixture(database.db, 'unit_evaluation', units);
	for (const [label, score] of [
		['甲局', 90],
		['乙局', 80],
		['丙局', 70]
	] as const)
		await cast(database.db, fixture, label, 'service_users', criteria(score), 5);
	return fixture;
}

const order = (snapshot: LiveSnapshot | null) => snapshot?.ranking.map((e) => e.label) ?? [];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live tally rebuilt from the database', () => {
	it('ranks the units from the SQL tally with the published figures', async () => {
		const fixture = await unitCampaign();
		const source = await loadLiveSource(database.db, fixture.id);
		if (!source) throw new Error('campaign vanished');
		const { basis, entries } = rankingOf(source.definition, source.counts);
		expect(basis).toBe('score');
		expect(entries.map((e) => [e.label, e.display, e.position])).toEqual([
			['甲局', '90.00', 1],
			['乙局', '80.00', 2],
			['丙局', '70.00', 3]
		]);
		expect(entries[0].value).toBe(90);
	});

	it('names each tier of the turnout in Chinese and English, also in a rehearsal', async () => {
		const fixture = await unitCampaign();
		const tiers = await database.db
			.select({
				id: table.raterTier.id,
				name: table.raterTier.name,
				nameEn: table.raterTier.nameEn
			})
			.from(table.raterTier)
			.where(eq(table.raterTier.campaignId, fixture.id));
		const expected = (turnout: LiveSnapshot['turnout'] | undefined) =>
			(turnout ?? [])
				.filter((t) => t.tier !== null)
				.map((t) => {
					const tier = tiers.find((r) => String(r.id) === t.tier);
					return { tier: t.tier, name: tier?.name, nameEn: tier?.nameEn };
				});
		const names = (turnout: LiveSnapshot['turnout'] | undefined) =>
			(turnout ?? [])
				.filter((t) => t.tier !== null)
				.map((t) => ({ tier: t.tier, name: t.name, nameEn: (t as { nameEn?: unknown }).nameEn }));
		// One printed card per tier gives every tier a turnout row.
		await database.db.insert(table.ballotCode).values(
			tiers.map((t) => ({
				campaignId: fixture.id,
				tierId: t.id,
				codeHash: `turnout-names-${fixture.id}-${t.id}`
			}))
		);
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		const real = await hub.getSnapshot(fixture.id);
		expect(names(real?.turnout)).toHaveLength(tiers.length);
		expect(names(real?.turnout)).toEqual(expected(real?.turnout));
		expect(tiers.every((t) => t.nameEn !== t.name)).toBe(true);

		await changeLiveControl(database.db, {
			campaignId: fixture.id,
			action: { kind: 'rehearsal_start', seed: 7 },
			places: 3,
			current: null,
			actor: null
		});
		const rehearsal = await hub.refreshNow(fixture.id);
		expect(rehearsal?.rehearsal).toBe(true);
		expect(names(rehearsal?.turnout)).toHaveLength(tiers.length);
		expect(names(rehearsal?.turnout)).toEqual(expected(rehearsal?.turnout));
		hub.close();
	});

	it('answers null for a campaign that does not exist', async () => {
		const hub = new LiveHub({ db: database.db });
		expect(await hub.getSnapshot(987_654)).toBeNull();
		hub.close();
	});
});

describe('live hub', () => {
	it('pushes one snapshot with a higher sequence after a burst of ballots', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		const first = await hub.getSnapshot(fixture.id);
		expect(order(first)).toEqual(['甲局', '乙局', '丙局']);
		const pushes: LiveSnapshot[] = [];
		const unsubscribe = hub.subscribe(fixture.id, (s) => pushes.push(s));

		await cast(database.db, fixture, '丙局', 'service_users', criteria(100), 20);
		for (let i = 0; i < 50; i++) hub.changed(fixture.id, { source: true });
		await wait(600);
		expect(pushes.length).toBeGreaterThanOrEqual(1);
		expect(pushes.length).toBeLessThanOrEqual(2);
		const last = pushes[pushes.length - 1];
		expect(order(last)[0]).toBe('丙局');
		expect(last.sequence).toBe((first?.sequence ?? 0) + sequenceStep);
		expect(last.ballots).toBe(35);

		unsubscribe();
		expect(hub.subscribers(fixture.id)).toBe(0);
		hub.close();
	});

	it('paces a steady stream of ballots at one push per interval and ends on the last ballot', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		await hub.getSnapshot(fixture.id);
		const pushes: { at: number; ballots: number }[] = [];
		hub.subscribe(fixture.id, (s) => pushes.push({ at: performance.now(), ballots: s.ballots }));
		const started = performance.now();
		for (let i = 0; i < 30; i++) {
			await cast(database.db, fixture, '乙局', 'service_users', criteria(60), 1);
			hub.changed(fixture.id, { source: true });
			await wait(20);
		}
		const elapsed = performance.now() - started;
		await expect.poll(() => pushes.at(-1)?.ballots, { timeout: 3000 }).toBe(45);
		// One push per interval on average (plus the leading one and one out of turn): any three
		// in a row span at least an interval (live-throttle.ts).
		expect(pushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / minPushIntervalMs) + 3);
		for (let i = 2; i < pushes.length; i++)
			expect(pushes[i].at - pushes[i - 2].at).toBeGreaterThan(minPushIntervalMs * 0.9);
		hub.close();
	});

	it('re-reads every watched campaign when asked to resync', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		await hub.getSnapshot(fixture.id);
		const pushes: LiveSnapshot[] = [];
		hub.subscribe(fixture.id, (s) => pushes.push(s));
		await cast(database.db, fixture, '丙局', 'service_users', criteria(100), 20);
		hub.changedAll();
		await expect.poll(() => pushes.at(-1)?.ballots, { timeout: 2000 }).toBe(35);
		hub.close();
	});

	it.skipIf(!testServerUrl())(
		'keeps a second instance on the same PostgreSQL in step through NOTIFY (PostgreSQL only: PGlite has one process)',
		async () => {
			const url = new URL(testServerUrl() ?? '');
			url.pathname = new URL(database.location).pathname;
			const fixture = await unitCampaign();
			const one = new LiveHub({ db: database.db, pollMs: 60_000 });
			const two = new LiveHub({ db: database.db, pollMs: 60_000 });
			const busOne = createPostgresBus(url.toString(), (id) => one.changed(id));
			const seenByTwo: number[] = [];
			const busTwo = createPostgresBus(url.toString(), (id) => {
				two.changed(id);
				seenByTwo.push(id);
			});
			try {
				await Promise.all([one.getSnapshot(fixture.id), two.getSnapshot(fixture.id)]);
				const pushes: LiveSnapshot[] = [];
				two.subscribe(fixture.id, (s) => pushes.push(s));
				await wait(300); // both LISTENs are in place
				// Instance one takes the ballots and announces them, as its change sink does.
				await cast(database.db, fixture, '丙局', 'service_users', criteria(100), 20);
				const sent = performance.now();
				one.changed(fixture.id, { source: true });
				busOne.announce(fixture.id);
				await expect.poll(() => pushes.at(-1)?.ballots, { timeout: 2000 }).toBe(35);
				expect(performance.now() - sent).toBeLessThan(1500);
				expect(order(pushes.at(-1) ?? null)[0]).toBe('丙局');
				// An instance does not hear its own announcements.
				busTwo.announce(fixture.id);
				await wait(200);
				expect(seenByTwo.length).toBe(1);
			} finally {
				await Promise.all([busOne.close(), busTwo.close()]);
				one.close();
				two.close();
			}
		}
	);

	it('notices ballots nobody announced through its periodic check', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 100 });
		await hub.getSnapshot(fixture.id);
		const pushes: LiveSnapshot[] = [];
		hub.subscribe(fixture.id, (s) => pushes.push(s));
		await wait(250);
		await cast(database.db, fixture, '丙局', 'service_users', criteria(100), 20);
		await expect.poll(() => order(pushes.at(-1) ?? null)[0], { timeout: 3000 }).toBe('丙局');
		hub.close();
	});

	it('drops a channel nobody has watched for a while, keeping memory bounded', async () => {
		const fixture = await unitCampaign();
		let now = 1_000_000;
		const hub = new LiveHub({ db: database.db, pollMs: 20, idleMs: 1000, now: () => now });
		const unsubscribe = hub.subscribe(fixture.id, () => {});
		await hub.getSnapshot(fixture.id);
		unsubscribe();
		expect(hub.size()).toBe(1);
		now += 5000;
		await expect.poll(() => hub.size(), { timeout: 2000 }).toBe(0);
		hub.close();
	});
});

describe('host controls', () => {
	it('keeps a sealed ranking hidden while open and reveals it bottom up after closing', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		await changeLiveControl(database.db, {
			campaignId: fixture.id,
			action: { kind: 'policy', policy: 'sealed', order: 'bottom_up' },
			places: 3,
			current: null,
			actor: null
		});
		expect((await hub.refreshNow(fixture.id))?.ranking).toEqual([]);
		const reveal = () =>
			changeLiveControl(database.db, {
				campaignId: fixture.id,
				action: { kind: 'reveal_next' },
				places: 3,
				current: null,
				actor: null
			});
		await expect(reveal()).rejects.toThrow(ControlError);
		await closeFixture(database.db, fixture);
		await reveal();
		expect(order(await hub.refreshNow(fixture.id))).toEqual(['丙局']);
		await reveal();
		expect(order(await hub.refreshNow(fixture.id))).toEqual(['乙局', '丙局']);

		const events = await database.db
			.select({ action: table.auditEvent.action })
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectId, String(fixture.id)));
		expect(events.map((e) => e.action).filter((a) => a.startsWith('live.'))).toEqual([
			'live.policy',
			'live.reveal_next',
			'live.reveal_next'
		]);
		hub.close();
	});

	it('keeps the frozen picture, in the database, until unfrozen', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		const before = await hub.getSnapshot(fixture.id);
		await changeLiveControl(database.db, {
			campaignId: fixture.id,
			action: { kind: 'freeze' },
			places: 3,
			current: before,
			actor: null
		});
		await cast(database.db, fixture, '丙局', 'service_users', criteria(100), 20);
		// A new hub stands for a restarted server: it reads the frozen picture back.
		const restarted = new LiveHub({ db: database.db, pollMs: 60_000 });
		const frozen = await restarted.getSnapshot(fixture.id);
		expect(frozen?.frozen).toBe(true);
		expect(order(frozen)).toEqual(['甲局', '乙局', '丙局']);
		expect((await getLiveControl(database.db, fixture.id)).control.frozen).toBe(true);
		// The host still sees the figures behind the frozen picture.
		expect((await restarted.unfrozen(fixture.id))?.ballots).toBe(35);
		await changeLiveControl(database.db, {
			campaignId: fixture.id,
			action: { kind: 'unfreeze' },
			places: 3,
			current: null,
			actor: null
		});
		expect(order(await restarted.refreshNow(fixture.id))[0]).toBe('丙局');
		hub.close();
		restarted.close();
	});

	it('shows a rehearsal from synthetic ballots that never reach the ballot tables', async () => {
		const fixture = await unitCampaign();
		const hub = new LiveHub({ db: database.db, pollMs: 60_000 });
		const act = (action: ControlAction) =>
			changeLiveControl(database.db, {
				campaignId: fixture.id,
				action,
				places: 3,
				current: null,
				actor: null
			});
		await act({ kind: 'rehearsal_start', seed: 12345 });
		await act({ kind: 'rehearsal_add', count: 40 });
		const rehearsal = await hub.refreshNow(fixture.id);
		expect(rehearsal?.rehearsal).toBe(true);
		expect(rehearsal?.voters).toBe(40);
		expect(rehearsal?.ballots).toBe(120);
		expect(await countBallots(database.db, fixture.id)).toBe(15);

		// Another instance, or this one after a restart, draws the very same synthetic ballots.
		const other = new LiveHub({ db: database.db, pollMs: 60_000 });
		const again = await other.getSnapshot(fixture.id);
		expect(again?.ranking).toEqual(rehearsal?.ranking);
		await act({ kind: 'rehearsal_add', count: 10 });
		const [grown, grownElsewhere] = await Promise.all([
			hub.refreshNow(fixture.id),
			other.refreshNow(fixture.id)
		]);
		expect(grown?.voters).toBe(50);
		expect(grownElsewhere?.ranking).toEqual(grown?.ranking);

		await act({ kind: 'rehearsal_stop' });
		const real = await hub.refreshNow(fixture.id);
		expect(real).toMatchObject({ rehearsal: false, ballots: 15, voters: 0 });
		hub.close();
		other.close();
	});
});

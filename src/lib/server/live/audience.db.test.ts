import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { BallotInput } from '$lib/domain/campaign-ballot';
import { defaultControl, type LiveControl } from '$lib/domain/live-reveal';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import { countCampaign } from '$lib/server/results/aggregate';
import {
	cast,
	closeFixture,
	criteria,
	openFixture,
	type Fixture
} from '$lib/server/results/test-fixtures';
import { transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { AudienceControlError, changeAudience, getAudienceCounts } from './audience';
import {
	AudienceError,
	openAudienceBallot,
	sendAudienceBallot,
	type OpenRequest
} from './audience-ballot';
import { createAudienceLimits, type AudienceLimits } from './audience-limits';
import { buildLiveContent, loadLiveSource } from './tally';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const generous = () =>
	createAudienceLimits({
		AUDIENCE_TOKENS_PER_IP_PER_MINUTE: '100000',
		AUDIENCE_BALLOTS_PER_IP_PER_MINUTE: '100000'
	});

const units = ['甲局', '乙局', '丙局'].map((label) => ({ kind: 'unit' as const, label }));

/** A unit evaluation with audience voting on, and jury ballots: 甲 90, 乙 80, 丙 70. */
async function audienceCampaign(countWithJury = false): Promise<Fixture> {
	const fixture = await openFixture(database.db, 'unit_evaluation', units, {
		audience: { enabled: true, countWithJury }
	});
	for (const [label, score] of [
		['甲局', 90],
		['乙局', 80],
		['丙局', 70]
	] as const)
		await cast(database.db, fixture, label, 'service_users', criteria(score), 5);
	return fixture;
}

/** One device's ballot on every unit: each criterion gets the unit's score (60 if not given). */
function ballotOf(fixture: Fixture, scores: Record<string, number>): BallotInput[] {
	return units
		.map(({ label }) => [label, scores[label] ?? 60] as const)
		.map(([label, score]) => ({
			subjectId: fixture.subject(label),
			answers: Object.fromEntries(
				['conduct', 'service', 'lawful', 'efficiency', 'integrity'].map((key) => [key, { score }])
			)
		}));
}

async function rowCount(name: 'ballot_code' | 'ballot' | 'participation' | 'audit_event') {
	const [row] = rowsOf<{ n: unknown }>(
		await database.db.execute(sql.raw(`select count(*)::int as n from ${name}`))
	);
	return Number(row.n);
}

async function refusal(promise: Promise<unknown>): Promise<AudienceError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AudienceError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

async function vote(
	fixture: Fixture,
	limits: AudienceLimits,
	scores: Record<string, number>,
	address = '203.0.113.7'
): Promise<string> {
	const opened = await openAudienceBallot(database.db, {
		campaignId: fixture.id,
		token: null,
		address,
		limits
	});
	await sendAudienceBallot(database.db, {
		campaignId: fixture.id,
		token: opened.token,
		address,
		limits,
		idempotencyKey: randomUUID(),
		ballots: ballotOf(fixture, scores)
	});
	return opened.token;
}

const labels = (entries: { label: string }[] | undefined) => entries?.map((e) => e.label) ?? [];

describe('audience tokens', () => {
	it('mints one per device, stores only its hash, and keeps it on later visits', async () => {
		const fixture = await audienceCampaign();
		const limits = generous();
		const request: OpenRequest = {
			campaignId: fixture.id,
			token: null,
			address: '203.0.113.1',
			limits
		};
		const first = await openAudienceBallot(database.db, request);
		expect(first.minted).toBe(true);
		expect(first.token).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
		const [row] = await database.db
			.select()
			.from(table.ballotCode)
			.where(eq(table.ballotCode.campaignId, fixture.id));
		expect(row).toMatchObject({
			audience: true,
			tierId: null,
			usedAt: null,
			codeHash: createHash('sha256').update(first.token).digest('hex')
		});
		expect(JSON.stringify(row)).not.toContain(first.token);

		const again = await openAudienceBallot(database.db, { ...request, token: first.token });
		expect(again).toMatchObject({ minted: false, token: first.token });
		expect(await getAudienceCounts(database.db, fixture.id)).toEqual({ tokens: 1, voters: 0 });
	});

	it("replaces a token from elsewhere (a card, another campaign's, garbage) with a new one", async () => {
		const fixture = await audienceCampaign();
		const other = await audienceCampaign();
		const limits = generous();
		const foreign = await openAudienceBallot(database.db, {
			campaignId: other.id,
			token: null,
			address: 'a',
			limits
		});
		for (const token of [foreign.token, 'not a token', '222222222222']) {
			const opened = await openAudienceBallot(database.db, {
				campaignId: fixture.id,
				token,
				address: 'a',
				limits
			});
			expect(opened.minted).toBe(true);
			expect(opened.token).not.toBe(token);
		}
	});

	it('refuses, writing nothing, when audience voting is off, the campaign is not open, or unknown', async () => {
		const limits = generous();
		const off = await openFixture(database.db, 'unit_evaluation', units);
		const draft = await openFixture(database.db, 'unit_evaluation', units, {
			audience: { enabled: true, countWithJury: false }
		});
		await closeFixture(database.db, draft);
		const before = await rowCount('ballot_code');
		const open = (campaignId: number) =>
			refusal(openAudienceBallot(database.db, { campaignId, token: null, address: 'b', limits }));
		expect(await open(off.id)).toMatchObject({ code: 'not_enabled', status: 403 });
		expect(await open(draft.id)).toMatchObject({ code: 'closed', status: 409 });
		expect(await open(987_654)).toMatchObject({ code: 'not_found', status: 404 });
		expect(await rowCount('ballot_code')).toBe(before);
	});

	it('limits new tokens per address and writes nothing when refused', async () => {
		const fixture = await audienceCampaign();
		let now = 1_000_000;
		const limits = createAudienceLimits({ AUDIENCE_TOKENS_PER_IP_PER_MINUTE: '3' }, () => now);
		const open = (address: string) =>
			openAudienceBallot(database.db, { campaignId: fixture.id, token: null, address, limits });
		for (let i = 0; i < 3; i++) await open('198.51.100.1');
		const before = await rowCount('ballot_code');
		const refused = await refusal(open('198.51.100.1'));
		expect(refused).toMatchObject({ code: 'rate_limited', status: 429 });
		expect(refused.detail.retryAfterSeconds).toBe(20);
		expect(await rowCount('ballot_code')).toBe(before);
		// Another address is not affected, and the first gets a token back after 20 seconds.
		expect((await open('198.51.100.2')).minted).toBe(true);
		now += 20_000;
		expect((await open('198.51.100.1')).minted).toBe(true);
	});
});

describe('audience ballots', () => {
	it('count once per token: a retry gets the same receipt, a second ballot is refused', async () => {
		const fixture = await audienceCampaign();
		const limits = generous();
		const opened = await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: null,
			address: 'c',
			limits
		});
		const send = (idempotencyKey: string, scores = { 甲局: 60, 乙局: 95 }) =>
			sendAudienceBallot(database.db, {
				campaignId: fixture.id,
				token: opened.token,
				address: 'c',
				limits,
				idempotencyKey,
				ballots: ballotOf(fixture, scores)
			});
		const key = randomUUID();
		const { receipt } = await send(key);
		expect(receipt.repeated).toBe(false);
		expect((await send(key)).receipt).toEqual({ ...receipt, repeated: true });

		const ballots = await rowCount('ballot');
		expect(await refusal(send(randomUUID(), { 甲局: 10, 乙局: 10 }))).toMatchObject({
			code: 'already_voted',
			status: 409
		});
		expect(await rowCount('ballot')).toBe(ballots);
		const stored = await database.db
			.select({ channel: table.ballot.channel, tierId: table.ballot.tierId })
			.from(table.ballot)
			.where(and(eq(table.ballot.campaignId, fixture.id), eq(table.ballot.channel, 'audience')));
		expect(stored).toEqual(
			Array.from({ length: 3 }, () => ({ channel: 'audience', tierId: null }))
		);
		// The device's next visit is told it has voted; no new token is minted for it.
		const tokens = await rowCount('ballot_code');
		expect(
			await refusal(
				openAudienceBallot(database.db, {
					campaignId: fixture.id,
					token: opened.token,
					address: 'c',
					limits
				})
			)
		).toMatchObject({ code: 'already_voted', status: 409 });
		expect(await rowCount('ballot_code')).toBe(tokens);
	});

	it('takes exactly one of twenty ballots sent at once from one token', async () => {
		const fixture = await audienceCampaign();
		const limits = generous();
		const opened = await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: null,
			address: 'd',
			limits
		});
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, () =>
				sendAudienceBallot(database.db, {
					campaignId: fixture.id,
					token: opened.token,
					address: 'd',
					limits,
					idempotencyKey: randomUUID(),
					ballots: ballotOf(fixture, { 甲局: 50 })
				})
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results)
			if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'already_voted' });
		expect(await getAudienceCounts(database.db, fixture.id)).toEqual({ tokens: 1, voters: 1 });
	});

	it('refuses without a token, with a stranger token, past the limit, or with bad answers, writing nothing', async () => {
		const fixture = await audienceCampaign();
		let now = 5_000_000;
		const limits = createAudienceLimits({ AUDIENCE_BALLOTS_PER_IP_PER_MINUTE: '4' }, () => now);
		const opened = await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: null,
			address: 'e',
			limits
		});
		const before = await Promise.all([rowCount('ballot'), rowCount('participation')]);
		const send = (token: string | null, ballots: BallotInput[], key: string = randomUUID()) =>
			refusal(
				sendAudienceBallot(database.db, {
					campaignId: fixture.id,
					token,
					address: 'e',
					limits,
					idempotencyKey: key,
					ballots
				})
			);
		const good = ballotOf(fixture, { 甲局: 80 });
		expect(await send(null, good)).toMatchObject({ code: 'no_token', status: 400 });
		expect(await send('ZZZZZZZZZZZZ', good)).toMatchObject({ code: 'token_invalid', status: 403 });
		const offScale = await send(opened.token, ballotOf(fixture, { 甲局: 101 }));
		expect(offScale).toMatchObject({ code: 'ballot', status: 400 });
		expect(offScale.detail.submitError?.problems.length).toBeGreaterThan(0);
		expect(await send(opened.token, good, 'short')).toMatchObject({ code: 'ballot', status: 400 });
		expect(await send(opened.token, good)).toMatchObject({ code: 'rate_limited', status: 429 });
		expect(await Promise.all([rowCount('ballot'), rowCount('participation')])).toEqual(before);
		now += 15_000;
		await sendAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: opened.token,
			address: 'e',
			limits,
			idempotencyKey: randomUUID(),
			ballots: good
		});
		expect(await getAudienceCounts(database.db, fixture.id)).toEqual({ tokens: 1, voters: 1 });
	});
});

describe('host controls of audience voting', () => {
	it('opens and closes it with audit events; closing voids unspent tokens, spent ones stay spent', async () => {
		const fixture = await openFixture(database.db, 'unit_evaluation', units);
		const limits = generous();
		const events = await rowCount('audit_event');
		const actor = { id: 1, label: 'host@example.test' };
		await changeAudience(database.db, { campaignId: fixture.id, action: { kind: 'open' }, actor });
		const voted = await vote(fixture, limits, { 甲局: 70 });
		const waiting = await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: null,
			address: 'f',
			limits
		});

		const closed = await changeAudience(database.db, {
			campaignId: fixture.id,
			action: { kind: 'close' },
			actor
		});
		expect(closed).toEqual({ settings: { enabled: false, countWithJury: false }, expired: 1 });
		const [row] = await database.db
			.select({ settings: table.campaign.settings })
			.from(table.campaign)
			.where(eq(table.campaign.id, fixture.id));
		expect(row.settings.audience).toEqual({ enabled: false, countWithJury: false });
		const audit = await database.db
			.select({ action: table.auditEvent.action, details: table.auditEvent.details })
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectId, String(fixture.id)));
		expect(audit.map((a) => a.action).filter((a) => a.startsWith('live.'))).toEqual([
			'live.audience_open',
			'live.audience_close'
		]);
		expect(await rowCount('audit_event')).toBe(events + 2);

		const sendWaiting = () =>
			sendAudienceBallot(database.db, {
				campaignId: fixture.id,
				token: waiting.token,
				address: 'f',
				limits,
				idempotencyKey: randomUUID(),
				ballots: ballotOf(fixture, { 甲局: 10 })
			});
		expect(await refusal(sendWaiting())).toMatchObject({ code: 'not_enabled' });

		await changeAudience(database.db, { campaignId: fixture.id, action: { kind: 'open' }, actor });
		// The voided token is refused, even though audience voting is open again...
		expect(await refusal(sendWaiting())).toMatchObject({ code: 'token_invalid', status: 403 });
		// ...and the device's next visit gets a new one; the device that voted stays spent.
		const renewed = await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: waiting.token,
			address: 'f',
			limits
		});
		expect(renewed.minted).toBe(true);
		expect(
			await refusal(
				openAudienceBallot(database.db, {
					campaignId: fixture.id,
					token: voted,
					address: 'f',
					limits
				})
			)
		).toMatchObject({ code: 'already_voted' });
	});

	it('fixes how the audience counts when voting opens, and refuses without writing', async () => {
		const id = (await openFixture(database.db, 'unit_evaluation', units)).id;
		const events = await rowCount('audit_event');
		const change = (action: Parameters<typeof changeAudience>[1]['action']) =>
			changeAudience(database.db, { campaignId: id, action, actor: null }).catch(
				(error: AudienceControlError) => error.refusal
			);
		expect(await change({ kind: 'count_with_jury', value: true })).toBe('counting_fixed');
		expect(await change({ kind: 'close' })).toBe('already_closed');
		expect(await change({ kind: 'open' })).toMatchObject({ settings: { enabled: true } });
		expect(await change({ kind: 'open' })).toBe('already_open');
		await transitionCampaign(database.db, id, 'closed', null);
		expect(await change({ kind: 'close' })).toBe('campaign_finished');
		expect(await change({ kind: 'open' })).toBe('campaign_finished');
		expect(await rowCount('audit_event')).toBe(events + 2); // the open and the lifecycle close
		expect(
			await changeAudience(database.db, {
				campaignId: 987_654,
				action: { kind: 'open' },
				actor: null
			}).catch((error: AudienceControlError) => error.refusal)
		).toBe('not_found');
	});
});

describe('counting the audience apart', () => {
	const control: LiveControl = defaultControl;

	it('splits the SQL tally by channel: the jury and the audience add up to all', async () => {
		const fixture = await audienceCampaign();
		const limits = generous();
		for (let i = 0; i < 6; i++) await vote(fixture, limits, { 丙局: 100, 甲局: 40 });
		const all = await countCampaign(database.db, fixture.id);
		const jury = await countCampaign(database.db, fixture.id, 'jury');
		const audience = await countCampaign(database.db, fixture.id, 'audience');
		const total = (c: typeof all) => c.ballots.reduce((n, r) => n + r.n, 0);
		expect([total(all), total(jury), total(audience)]).toEqual([33, 15, 18]);
		const scores = (c: typeof all) => c.scores.reduce((n, r) => n + r.total, 0n);
		expect(scores(jury) + scores(audience)).toBe(scores(all));
		expect(audience.ballots.every((row) => row.tierId === null)).toBe(true);
	});

	it('keeps audience ballots out of the jury ranking, turnout and counts, and shows them apart', async () => {
		const fixture = await audienceCampaign();
		const before = await loadLiveSource(database.db, fixture.id);
		if (!before) throw new Error('campaign vanished');
		const jury = buildLiveContent(before, control, null);
		expect(jury.audience).toMatchObject({ enabled: true, voters: 0, ballots: 0, ranking: [] });

		const limits = generous();
		// Six devices put 丙局 first and 甲局 last: the opposite of the jury.
		for (let i = 0; i < 6; i++)
			await vote(fixture, limits, { 丙局: 100, 乙局: 70, 甲局: 40 }, `192.0.2.${i}`);
		await openAudienceBallot(database.db, {
			campaignId: fixture.id,
			token: null,
			address: 'x',
			limits
		});

		const source = await loadLiveSource(database.db, fixture.id);
		if (!source) throw new Error('campaign vanished');
		const content = buildLiveContent(source, control, null);
		const { audience, ...juryPart } = content;
		const { audience: _none, ...juryBefore } = jury;
		expect(juryPart).toEqual(juryBefore);
		expect(labels(content.ranking)).toEqual(['甲局', '乙局', '丙局']);
		expect(content.voters).toBe(0); // the jury's ballots here are paper rows without turnout
		expect(content.turnout.some((t) => t.tier === null)).toBe(false);
		expect(audience).toMatchObject({
			enabled: true,
			countsWithJury: false,
			voters: 6,
			ballots: 18,
			places: 3
		});
		expect(labels(audience?.ranking)).toEqual(['丙局', '乙局', '甲局']);
		expect(source.audience.devices).toEqual({ tokens: 7, voters: 6 });
	});

	it('counts them in the jury ranking when the campaign says so', async () => {
		const fixture = await audienceCampaign(true);
		const limits = generous();
		// Enough devices to outweigh the jury's fifteen ballots per unit in a pooled score? No:
		// unit evaluation weights its tiers, and untiered ballots only change the pooled figures.
		for (let i = 0; i < 5; i++) await vote(fixture, limits, { 丙局: 100, 乙局: 100, 甲局: 0 });
		const source = await loadLiveSource(database.db, fixture.id);
		if (!source) throw new Error('campaign vanished');
		const content = buildLiveContent(source, control, null);
		expect(content.ballots).toBe(15 + 15);
		expect(content.voters).toBe(5);
		expect(content.audience).toMatchObject({ countsWithJury: true, voters: 5, ballots: 15 });
	});

	it('hides the audience ranking while a sealed ranking is hidden, and in a rehearsal', async () => {
		const fixture = await audienceCampaign();
		const limits = generous();
		for (let i = 0; i < 5; i++) await vote(fixture, limits, { 丙局: 100 });
		const source = await loadLiveSource(database.db, fixture.id);
		if (!source) throw new Error('campaign vanished');
		const sealed: LiveControl = { ...control, policy: 'sealed' };
		expect(buildLiveContent(source, sealed, null).audience).toMatchObject({
			voters: 5,
			ranking: [],
			places: 3
		});
		const rehearsing: LiveControl = { ...control, rehearsal: true, rehearsalSeed: 7 };
		expect(buildLiveContent(source, rehearsing, null).audience).toBeUndefined();

		await closeFixture(database.db, fixture);
		const closed = await loadLiveSource(database.db, fixture.id);
		if (!closed) throw new Error('campaign vanished');
		const revealed = { ...sealed, revealed: 3 };
		expect(labels(buildLiveContent(closed, revealed, null).audience?.ranking)[0]).toBe('丙局');
	});
});

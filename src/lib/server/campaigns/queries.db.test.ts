import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { inScope } from './access';
import { hashBallotCode } from './codes';
import { transitionCampaign } from './lifecycle';
import {
	getTurnout,
	jurorCampaignStatus,
	listCampaigns,
	listJurorCampaigns,
	listNonVoters
} from './queries';
import { submitBallots } from './submit';
import { createUser, openCampaign, printCodes, validBallot } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('turnout', () => {
	it('counts raters per tier, people and cards alike, and names who has not voted', async () => {
		const [ann, bob] = await Promise.all(
			['Ann', 'Bob'].map((name) => createUser(database.db, 'juror', name))
		);
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters: [ann, bob],
			secret: false
		});
		const [code] = await printCodes(database.db, id, 3);
		for (const rater of [
			{ kind: 'user' as const, userId: ann },
			{ kind: 'code' as const, code }
		])
			await submitBallots(database.db, {
				campaignId: id,
				idempotencyKey: randomUUID(),
				rater,
				ballots: validBallot(definition)
			});

		const turnout = await getTurnout(database.db, id);
		// Two subjects each, but a rater is counted once.
		expect(turnout).toEqual([{ tierId: null, name: null, eligible: 5, voted: 2, paper: 0 }]);
		expect(await listNonVoters(database.db, id)).toEqual([{ userId: bob, name: 'Bob' }]);
		// A TV viewer's audience token is neither an eligible rater nor a voter of the campaign.
		const [viewer] = await printCodes(database.db, id, 1);
		await database.db
			.update(table.ballotCode)
			.set({ audience: true })
			.where(eq(table.ballotCode.codeHash, hashBallotCode(viewer)));
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'code', code: viewer },
			ballots: validBallot(definition)
		});
		expect(await getTurnout(database.db, id)).toEqual(turnout);
		const [mine] = await listJurorCampaigns(database.db, ann);
		expect(mine).toMatchObject({ id, voted: true });
		const [theirs] = await listJurorCampaigns(database.db, bob);
		expect(theirs).toMatchObject({ id, voted: false });
	});
});

describe('the campaign list', () => {
	it('shows an organizer only the campaigns of their regions', async () => {
		await openCampaign(database.db, 'satisfaction_survey');
		expect((await listCampaigns(database.db, null)).length).toBeGreaterThan(0);
		// Test campaigns have no region: city-wide, invisible to a district organizer.
		expect(await listCampaigns(database.db, [12345])).toEqual([]);
		expect(await listCampaigns(database.db, [])).toEqual([]);
		expect([inScope(null, null), inScope([1], null), inScope([1, 2], 2)]).toEqual([
			true,
			false,
			true
		]);
	});
});

describe("a juror's list of campaigns", () => {
	it('says which are not open yet, past their deadline, voted, or voted and ended', async () => {
		const juror = await createUser(database.db, 'juror', 'Listed juror');
		const campaign = () =>
			openCampaign(database.db, 'democratic_assessment', { voters: [juror], secret: false });
		const [future, late, votedOpen, votedClosed, missedClosed, open] = [
			await campaign(),
			await campaign(),
			await campaign(),
			await campaign(),
			await campaign(),
			await campaign()
		];
		const now = new Date('2026-11-20T08:00:00Z');
		const window = (opensAt: string | null, closesAt: string | null) => ({
			opensAt: opensAt ? new Date(opensAt) : null,
			closesAt: closesAt ? new Date(closesAt) : null
		});
		await database.db
			.update(table.campaign)
			.set(window('2026-12-01T01:00:00Z', '2026-12-01T10:00:00Z'))
			.where(eq(table.campaign.id, future.id));
		await database.db
			.update(table.campaign)
			.set(window(null, '2026-11-19T10:00:00Z'))
			.where(eq(table.campaign.id, late.id));
		for (const c of [votedOpen, votedClosed])
			await submitBallots(database.db, {
				campaignId: c.id,
				idempotencyKey: randomUUID(),
				rater: { kind: 'user', userId: juror },
				ballots: validBallot(c.definition)
			});
		await transitionCampaign(database.db, votedClosed.id, 'closed', null);
		await transitionCampaign(database.db, missedClosed.id, 'closed', null);

		const listed = await listJurorCampaigns(database.db, juror, now);
		const status = new Map(listed.map((c) => [c.id, c.status]));
		expect(status.get(future.id)).toBe('not_yet_open');
		expect(listed.find((c) => c.id === future.id)?.opensAt).toEqual(
			new Date('2026-12-01T01:00:00Z')
		);
		expect(status.get(late.id)).toBe('deadline_passed');
		expect(status.get(votedOpen.id)).toBe('voted');
		// Closed campaigns stay on the list once the juror voted in them, marked as ended.
		expect(status.get(votedClosed.id)).toBe('voted_ended');
		expect(status.has(missedClosed.id)).toBe(false);
		expect(status.get(open.id)).toBe('open');
	});

	it('links only a campaign that takes ballots now', () => {
		const now = new Date('2026-11-20T08:00:00Z');
		const at = (iso: string) => new Date(iso);
		const base = { state: 'open' as const, opensAt: null, closesAt: null, voted: false };
		expect(jurorCampaignStatus(base, now)).toBe('open');
		expect(jurorCampaignStatus({ ...base, opensAt: at('2026-11-20T08:00:00Z') }, now)).toBe('open');
		expect(jurorCampaignStatus({ ...base, opensAt: at('2026-11-20T08:00:01Z') }, now)).toBe(
			'not_yet_open'
		);
		expect(jurorCampaignStatus({ ...base, closesAt: at('2026-11-20T08:00:00Z') }, now)).toBe(
			'deadline_passed'
		);
		expect(jurorCampaignStatus({ ...base, state: 'published', voted: true }, now)).toBe(
			'voted_ended'
		);
	});
});

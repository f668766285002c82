import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { inScope } from './access';
import { hashBallotCode } from './codes';
import { getTurnout, listCampaigns, listJurorCampaigns, listNonVoters } from './queries';
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

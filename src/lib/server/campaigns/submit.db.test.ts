import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { SubmitError } from './errors';
import { submitBallots, type SubmitRequest } from './submit';
import { createUser, openCampaign, printCodes, validBallot } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const key = () => randomUUID();

async function counts(campaignId: number) {
	const n = sql<number>`count(*)::int`;
	const db = database.db;
	const [[ballots], [answers], [participation], [submissions], [usedCodes]] = await Promise.all([
		db.select({ n }).from(table.ballot).where(eq(table.ballot.campaignId, campaignId)),
		db.select({ n }).from(table.ballotAnswer),
		db
			.select({ n })
			.from(table.participation)
			.where(eq(table.participation.campaignId, campaignId)),
		db.select({ n }).from(table.submission).where(eq(table.submission.campaignId, campaignId)),
		db
			.select({ n })
			.from(table.ballotCode)
			.where(sql`${table.ballotCode.campaignId} = ${campaignId} and used_at is not null`)
	]);
	return {
		ballots: ballots.n,
		answers: answers.n,
		participation: participation.n,
		submissions: submissions.n,
		usedCodes: usedCodes.n
	};
}

async function refusal(request: SubmitRequest): Promise<SubmitError> {
	const error = await submitBallots(database.db, request).catch((e: unknown) => e);
	if (!(error instanceof SubmitError)) throw new Error(`expected a SubmitError, got ${error}`);
	return error;
}

describe('submitting ballots', () => {
	it('stores exactly one ballot set when the same submission arrives 100 times at once', async () => {
		const juror = await createUser(database.db, 'juror', 'parallel-same-key');
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters: [juror]
		});
		const request: SubmitRequest = {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: juror },
			ballots: validBallot(definition)
		};
		const receipts = await Promise.all(
			Array.from({ length: 100 }, () => submitBallots(database.db, request))
		);
		expect(new Set(receipts.map((r) => r.receiptCode)).size).toBe(1);
		expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
		const after = await counts(id);
		expect(after.ballots).toBe(2);
		expect(after.participation).toBe(2);
		expect(after.submissions).toBe(1);

		const retry = await submitBallots(database.db, request);
		expect(retry).toEqual({ receiptCode: receipts[0].receiptCode, repeated: true });
		expect(await counts(id)).toEqual(after);
	});

	it('refuses all but one of 100 parallel submissions from one juror with fresh keys', async () => {
		const juror = await createUser(database.db, 'juror', 'parallel-fresh-keys');
		const { id, definition } = await openCampaign(database.db, 'unit_evaluation', {
			voters: [juror]
		});
		const outcomes = await Promise.allSettled(
			Array.from({ length: 100 }, () =>
				submitBallots(database.db, {
					campaignId: id,
					idempotencyKey: key(),
					rater: { kind: 'user', userId: juror },
					ballots: validBallot(definition)
				})
			)
		);
		const stored = outcomes.filter((o) => o.status === 'fulfilled');
		const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
		expect(stored).toHaveLength(1);
		expect(refused.every((e) => e instanceof SubmitError && e.code === 'already_voted')).toBe(true);
		expect(refused[0].status).toBe(409);
		expect((await counts(id)).ballots).toBe(2);
	});

	it('accepts an on-site code once and calls it used afterwards, even under a race', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [code] = await printCodes(database.db, id, 1);
		const outcomes = await Promise.allSettled(
			Array.from({ length: 20 }, () =>
				submitBallots(database.db, {
					campaignId: id,
					idempotencyKey: key(),
					rater: { kind: 'code', code },
					ballots: validBallot(definition)
				})
			)
		);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const after = await counts(id);
		expect(after).toMatchObject({ ballots: 1, participation: 1, usedCodes: 1 });
		const again = await refusal({
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'code', code: code.toLowerCase() },
			ballots: validBallot(definition)
		});
		expect(again.code).toBe('code_used');
		expect(again.status).toBe(410);
	});

	it('marks code ballots as qr and online ballots as online', async () => {
		const juror = await createUser(database.db, 'juror', 'channels');
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey', {
			voters: [juror]
		});
		const [code] = await printCodes(database.db, id, 1);
		const ballots = validBallot(definition);
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'code', code },
			ballots
		});
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: juror },
			ballots
		});
		const rows = await database.db
			.select({ channel: table.ballot.channel })
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, id));
		expect(rows.map((r) => r.channel).sort()).toEqual(['online', 'qr']);
	});
});

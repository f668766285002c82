import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { SubmitError } from './errors';
import { submitBallots } from './submit';
import { openCampaign, printCodes, validBallot } from './test-fixtures';

// A retry whose first send committed meanwhile finds its card spent — by that very first send.
// The receipt is looked up after the refusal, so it is found: the key and the card are spent in
// the same commit.
let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('a retry racing its own first send', () => {
	it('gets the stored receipt, not "card already used"', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [code] = await printCodes(database.db, id, 1);
		const request = {
			campaignId: id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'code' as const, code },
			ballots: validBallot(definition)
		};
		const first = await submitBallots(database.db, request);
		const retry = await submitBallots(database.db, request);
		expect(retry).toEqual({ receiptCode: first.receiptCode, repeated: true });
	});

	it('still refuses the card to anyone else', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [code] = await printCodes(database.db, id, 1);
		const send = (idempotencyKey: string) =>
			submitBallots(database.db, {
				campaignId: id,
				idempotencyKey,
				rater: { kind: 'code', code },
				ballots: validBallot(definition)
			});
		await send(randomUUID());
		const refused = await send(randomUUID()).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(SubmitError);
		expect((refused as SubmitError).code).toBe('code_used');
	});
});

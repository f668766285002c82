import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { SubmitError } from './errors';
import { submitBallots } from './submit';
import * as lookups from './submit-lookups';
import { openCampaign, printCodes, validBallot } from './test-fixtures';

// The receipt look-up can miss a first send that commits a moment later, while the card
// look-up then sees the card spent. This replays that interleaving: the first look-up of the
// key answers "nothing stored yet", as it would have just before the commit.
vi.mock('./submit-lookups', async (original) => {
	const real = await original<typeof import('./submit-lookups')>();
	return { ...real, lookUpSubmission: vi.fn(real.lookUpSubmission) };
});

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

		vi.mocked(lookups.lookUpSubmission).mockResolvedValueOnce(undefined);
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
		vi.mocked(lookups.lookUpSubmission).mockResolvedValueOnce(undefined);
		const refused = await send(randomUUID()).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(SubmitError);
		expect((refused as SubmitError).code).toBe('code_used');
	});
});

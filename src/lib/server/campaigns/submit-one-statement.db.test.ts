import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { rawExecutor } from '$lib/server/db/raw';
import * as table from '$lib/server/db/schema';
import type { OpenCampaign } from './test-fixtures';
import { SubmitError } from './errors';
import { transitionCampaign } from './lifecycle';
import {
	batchStats,
	commitBatch,
	configureBatching,
	enqueueSubmission,
	noStats,
	type PreparedSubmission
} from './submit-batch';
import { commitInOneStatement, guardRefusalCode } from './submit-one-statement';
import {
	createJurors,
	openCampaign,
	preparedSubmission,
	printCodes,
	storedRows
} from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

/** An open campaign with `voters` jurors on its list and `cards` printed cards (their ids). */
async function campaignWith(voters: number, cards: number, prefix: string) {
	const jurors = await createJurors(database.db, voters, prefix);
	const campaign = await openCampaign(database.db, 'unit_evaluation', { voters: jurors });
	await printCodes(database.db, campaign.id, cards);
	const codeRows = await database.db
		.select({ id: table.ballotCode.id })
		.from(table.ballotCode)
		.where(eq(table.ballotCode.campaignId, campaign.id));
	return { ...campaign, jurors, codeIds: codeRows.map((c) => c.id) };
}

const byJuror = ({ definition }: OpenCampaign, userId: number) =>
	preparedSubmission(definition, { userId, ballotCodeId: null });
const byCard = ({ definition }: OpenCampaign, ballotCodeId: number) =>
	preparedSubmission(definition, { userId: null, ballotCodeId });

/** A campaign still 'open' whose window no longer holds the present; a juror's late ballot. */
const outsideWindow =
	(window: { opensAt?: SQL; closesAt?: SQL }) =>
	async (c: Awaited<ReturnType<typeof campaignWith>>) => {
		await database.db.update(table.campaign).set(window).where(eq(table.campaign.id, c.id));
		return byJuror(c, c.jurors[1]);
	};

describe('the one-statement commit', () => {
	it('stores a clean batch of jurors and cards whole, in one statement', async () => {
		const campaign = await campaignWith(3, 2, 'whole');
		const items = [
			...campaign.jurors.map((u) => byJuror(campaign, u)),
			...campaign.codeIds.map((c) => byCard(campaign, c))
		];
		const stats = noStats();
		const outcomes = await commitBatch(database.db, items, stats);
		expect(stats).toMatchObject({ inOneStatement: 1, stepByStep: 0, refusedInOneStatement: 0 });
		expect(outcomes).toEqual(
			items.map((i) => ({ ok: true, receipt: { receiptCode: i.receiptCode, repeated: false } }))
		);
		const stored = await storedRows(database.db, campaign.id);
		expect(stored.submissions).toEqual(
			new Map(items.map((i) => [i.idempotencyKey, i.receiptCode]))
		);
		const subjects = items[0].ballots.length;
		const answers = items[0].ballots.reduce((sum, b) => sum + b.answers.length, 0);
		expect(stored).toMatchObject({
			ballots: 5 * subjects,
			answers: 5 * answers,
			participation: 5 * subjects,
			usedCodes: 2
		});
	});

	/** Each way a batch-mate is refused; the batch always holds a good submission besides. */
	const refusals: {
		name: string;
		/** How the step-by-step path answers `late`: refused, or (a retry) its stored receipt. */
		answer: SubmitError['code'] | 'repeated';
		/** Makes the campaign refuse `late`, and returns it. */
		arrange(c: Awaited<ReturnType<typeof campaignWith>>): Promise<PreparedSubmission>;
	}[] = [
		{
			name: 'a key stored before (a retry)',
			answer: 'repeated',
			async arrange(c) {
				const first = byJuror(c, c.jurors[1]);
				await commitBatch(database.db, [first]);
				return first;
			}
		},
		{
			name: 'a card spent before',
			answer: 'code_used',
			async arrange(c) {
				await commitBatch(database.db, [byCard(c, c.codeIds[0])]);
				return byCard(c, c.codeIds[0]);
			}
		},
		{
			name: 'a second vote of a juror',
			answer: 'already_voted',
			async arrange(c) {
				await commitBatch(database.db, [byJuror(c, c.jurors[1])]);
				return byJuror(c, c.jurors[1]);
			}
		},
		{
			name: 'a campaign closed meanwhile',
			answer: 'campaign_closed',
			async arrange(c) {
				await transitionCampaign(database.db, c.id, 'closed', null);
				return byJuror(c, c.jurors[1]);
			}
		},
		{
			name: 'a campaign whose closing time has passed',
			answer: 'campaign_closed',
			arrange: outsideWindow({ closesAt: sql`now() - interval '1 second'` })
		},
		{
			name: 'a campaign whose opening time is still ahead',
			answer: 'campaign_closed',
			arrange: outsideWindow({ opensAt: sql`now() + interval '1 hour'` })
		}
	];

	it.each(refusals)(
		'writes nothing for $name, and the step-by-step path answers each submission',
		async ({ arrange, answer }) => {
			const campaign = await campaignWith(2, 1, `refused-${answer}`);
			const late = await arrange(campaign);
			const good = byJuror(campaign, campaign.jurors[0]);
			const before = await storedRows(database.db, campaign.id);

			expect(await commitInOneStatement(database.db, [good, late])).toBeNull();
			expect(await storedRows(database.db, campaign.id)).toEqual(before);

			const stats = noStats();
			const [goodOutcome, lateOutcome] = await commitBatch(database.db, [good, late], stats);
			expect(stats).toMatchObject({ inOneStatement: 0, stepByStep: 1, refusedInOneStatement: 1 });
			if (answer === 'repeated') {
				expect(lateOutcome).toEqual({
					ok: true,
					receipt: { receiptCode: before.submissions.get(late.idempotencyKey), repeated: true }
				});
			} else {
				expect(!lateOutcome.ok && (lateOutcome.error as SubmitError).code).toBe(answer);
			}
			const after = await storedRows(database.db, campaign.id);
			if (answer === 'campaign_closed') {
				expect(goodOutcome.ok).toBe(false);
				expect(after).toEqual(before);
			} else {
				expect(goodOutcome.ok).toBe(true);
				expect(after.submissions.size).toBe(before.submissions.size + 1);
				expect(after.ballots).toBe(before.ballots + good.ballots.length);
			}
		}
	);

	it('skips the one-statement try after a batch that held a retry, until one is stored clean', async () => {
		const campaign = await campaignWith(3, 1, 'skip');
		const stored = byJuror(campaign, campaign.jurors[0]);
		await commitBatch(database.db, [stored]);
		configureBatching(database.db, {}); // a fresh queue, its counts at zero
		// One at a time, so each is a batch of its own.
		const retry = await enqueueSubmission(database.db, { ...stored, receiptCode: 'ANOTHER' });
		expect(retry).toEqual({ receiptCode: stored.receiptCode, repeated: true });
		expect(batchStats(database.db)).toMatchObject({
			inOneStatement: 0,
			refusedInOneStatement: 1,
			stepByStep: 1
		});
		// The next batch is clean, but comes right after a refused one: step by step, no try.
		await enqueueSubmission(database.db, byJuror(campaign, campaign.jurors[1]));
		expect(batchStats(database.db)).toMatchObject({
			inOneStatement: 0,
			refusedInOneStatement: 1,
			stepByStep: 2
		});
		// That one was stored clean: the next is tried in one statement again.
		await enqueueSubmission(database.db, byJuror(campaign, campaign.jurors[2]));
		expect(batchStats(database.db)).toMatchObject({
			inOneStatement: 1,
			refusedInOneStatement: 1,
			stepByStep: 2
		});
		expect((await storedRows(database.db, campaign.id)).submissions.size).toBe(3);
	});

	it.each([
		{ perCampaign: false, batches: 1, largest: 6 },
		{ perCampaign: true, batches: 2, largest: 3 }
	])(
		'forms batches across campaigns, or one campaign at a time (perCampaign: $perCampaign)',
		async ({ perCampaign, batches, largest }) => {
			const [one, two] = await Promise.all([
				campaignWith(3, 1, `mixed-${perCampaign}-a`),
				campaignWith(3, 1, `mixed-${perCampaign}-b`)
			]);
			configureBatching(database.db, { windowMs: 50, perCampaign });
			try {
				// Interleaved, all within one window.
				const items = one.jurors.flatMap((u, i) => [byJuror(one, u), byJuror(two, two.jurors[i])]);
				const receipts = await Promise.all(items.map((i) => enqueueSubmission(database.db, i)));
				expect(receipts.every((r) => !r.repeated)).toBe(true);
				expect(batchStats(database.db)).toMatchObject({
					batches,
					largest,
					inOneStatement: batches
				});
			} finally {
				configureBatching(database.db, {});
			}
			for (const c of [one, two])
				expect((await storedRows(database.db, c.id)).submissions.size).toBe(3);
		}
	);

	it('ballot_batch_guard passes a complete batch and raises its own code otherwise', async () => {
		const guard = (complete: boolean | null) =>
			rawExecutor(database.db).query('select ballot_batch_guard($1::boolean) as ok', [complete]);
		expect(await guard(true)).toEqual([{ ok: true }]);
		for (const complete of [false, null])
			await expect(guard(complete)).rejects.toMatchObject({ code: guardRefusalCode });
	});
});

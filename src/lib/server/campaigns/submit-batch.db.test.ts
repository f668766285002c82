import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { BallotInput } from '$lib/domain/campaign-ballot';
import * as table from '$lib/server/db/schema';
import { getOpenBallotDefinition } from './definition';
import { SubmitError } from './errors';
import { transitionCampaign } from './lifecycle';
import { batchStats, commitBatch, configureBatching, enqueueSubmission } from './submit-batch';
import { submitBallots, type Rater, type Receipt, type SubmitRequest } from './submit';
import { createJurors, openCampaign, printCodes, storedRows, validBallot } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const key = () => randomUUID();
const n = sql<number>`count(*)::int`;
const rows = (campaignId: number) => storedRows(database.db, campaignId);
const jurors = (count: number, prefix: string) => createJurors(database.db, count, prefix);

type Settled = PromiseSettledResult<Receipt>;
const refusalCode = (s: Settled) =>
	s.status === 'rejected' && s.reason instanceof SubmitError ? s.reason.code : null;

describe('group commit', () => {
	it('stores exactly the right rows for hundreds of concurrent, mixed submissions', async () => {
		const voters = await jurors(60, 'mixed');
		const { id, definition } = await openCampaign(database.db, 'unit_evaluation', { voters });
		const codes = await printCodes(database.db, id, 80);
		const ballots = validBallot(definition);
		const perSubmission = { ballots: ballots.length, answers: 0 };
		perSubmission.answers = ballots.reduce((sum, b) => sum + Object.keys(b.answers).length, 0);

		// Ten cards were used before the burst.
		for (const code of codes.slice(70))
			await submitBallots(database.db, {
				campaignId: id,
				idempotencyKey: key(),
				rater: { kind: 'code', code },
				ballots
			});
		const before = await rows(id);

		const requests: { request: SubmitRequest; expect: 'stored' | 'same' | string }[] = [];
		const voteOf = (rater: Rater): SubmitRequest => ({
			campaignId: id,
			idempotencyKey: key(),
			rater,
			ballots
		});
		for (const userId of voters) {
			const first = voteOf({ kind: 'user', userId });
			requests.push({ request: first, expect: 'stored' });
			requests.push({ request: first, expect: 'same' }, { request: first, expect: 'same' });
			requests.push({ request: voteOf({ kind: 'user', userId }), expect: 'already_voted' });
		}
		for (const code of codes.slice(0, 70)) {
			const first = voteOf({ kind: 'code', code });
			requests.push({ request: first, expect: 'stored' }, { request: first, expect: 'same' });
			requests.push({ request: voteOf({ kind: 'code', code }), expect: 'code_used' });
		}
		for (const code of codes.slice(70))
			requests.push({ request: voteOf({ kind: 'code', code }), expect: 'code_used' });
		// Shuffled, so duplicates and rivals land in the same batch and in different ones.
		const order = fc.sample(fc.shuffledSubarray(requests, { minLength: requests.length }), {
			numRuns: 1,
			seed: 7
		})[0];
		expect(order.length).toBeGreaterThan(400);
		const stats = batchStats(database.db);
		const outcomes = await Promise.allSettled(
			order.map((r) => submitBallots(database.db, r.request))
		);

		// They were committed together, many to a transaction.
		const used = batchStats(database.db);
		expect(used.submissions - stats.submissions).toBeGreaterThan(order.length / 2);
		expect(used.batches - stats.batches).toBeLessThan(order.length / 4);
		expect(used.largest).toBeGreaterThan(10);

		// Per rater: exactly one key stored, every copy of it answered with its receipt, the
		// rival key refused.
		const after = await rows(id);
		const byKey = new Map<string, Settled[]>();
		order.forEach((r, i) =>
			byKey.set(r.request.idempotencyKey, [
				...(byKey.get(r.request.idempotencyKey) ?? []),
				outcomes[i]
			])
		);
		let stored = 0;
		for (const [k, results] of byKey) {
			const receipt = after.submissions.get(k);
			const acknowledged = results.filter((r) => r.status === 'fulfilled');
			if (receipt) {
				stored++;
				expect(acknowledged).toHaveLength(results.length);
				for (const r of acknowledged) expect(r.value.receiptCode).toBe(receipt);
				expect(acknowledged.filter((r) => !r.value.repeated)).toHaveLength(1);
			} else {
				expect(acknowledged).toHaveLength(0);
				for (const r of results) expect(['already_voted', 'code_used']).toContain(refusalCode(r));
			}
		}
		// Each rater stored once: 60 jurors and 70 fresh cards (which of the rival keys won is
		// the race's business).
		expect(stored).toBe(130);
		expect(after.submissions.size - before.submissions.size).toBe(130);
		expect(after.ballots - before.ballots).toBe(130 * perSubmission.ballots);
		expect(after.answers - before.answers).toBe(130 * perSubmission.answers);
		expect(after.participation - before.participation).toBe(130 * perSubmission.ballots);
		expect(after.usedCodes).toBe(80);
		// The losing key of each juror and fresh card, and the ten spent cards' keys.
		expect(byKey.size - stored).toBe(60 + 70 + 10);
		order.forEach((r, i) => {
			const refused = refusalCode(outcomes[i]);
			if (refused)
				expect(refused).toBe(r.request.rater.kind === 'user' ? 'already_voted' : 'code_used');
		});
		expect(outcomes.filter((o) => o.status === 'rejected').every((o) => refusalCode(o))).toBe(true);
	}, 120_000);

	it('answers a storm of copies of one submission from one transaction, and refusals alike', async () => {
		const [juror, voted] = await jurors(2, 'storm');
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters: [juror, voted]
		});
		const ballots = validBallot(definition);
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: voted },
			ballots
		});
		const request = {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user' as const, userId: juror },
			ballots
		};
		const refused = {
			...request,
			idempotencyKey: key(),
			rater: { kind: 'user' as const, userId: voted }
		};
		const before = batchStats(database.db);
		const outcomes = await Promise.allSettled([
			...Array.from({ length: 200 }, () => submitBallots(database.db, request)),
			...Array.from({ length: 20 }, () => submitBallots(database.db, refused))
		]);
		const stored = outcomes.slice(0, 200).map((o) => (o.status === 'fulfilled' ? o.value : null));
		expect(new Set(stored.map((r) => r?.receiptCode)).size).toBe(1);
		expect(stored.filter((r) => r && !r.repeated)).toHaveLength(1);
		expect(outcomes.slice(200).map(refusalCode)).toEqual(Array(20).fill('already_voted'));
		// The copies rode along with the first: a handful of transactions, not one per copy (the
		// refused ones retry on their own, one after another, as they would one at a time).
		expect(batchStats(database.db).batches - before.batches).toBeLessThan(30);
		const after = await rows(id);
		expect(after.submissions.size).toBe(2);
		expect(after.ballots).toBe(2 * ballots.length);
	});

	it('fails a poisoned submission alone and commits its batch-mates', async () => {
		const { id, definition } = await openCampaign(database.db, 'appointment_appraisal');
		const codes = await printCodes(database.db, id, 21);
		const code = await database.db
			.select({ id: table.ballotCode.id })
			.from(table.ballotCode)
			.where(eq(table.ballotCode.campaignId, id));
		const ballots = validBallot(definition);
		const prepare = (codeId: number, text: string) => ({
			campaign: definition.campaign,
			idempotencyKey: key(),
			receiptCode: `R${randomUUID().slice(0, 10)}`,
			rater: { userId: null, ballotCodeId: codeId, tierId: null, channel: 'qr' as const },
			// A NUL in a text answer: PostgreSQL refuses the row, and with it the transaction.
			ballots: ballots.map((b) => ({
				subjectId: b.subjectId,
				answers: definition.questions
					.filter((q) => b.answers[q.key])
					.map((q) => ({
						questionId: q.id,
						optionKey: b.answers[q.key].option ?? null,
						score: null,
						selected: b.answers[q.key].selected ?? null,
						text: b.answers[q.key].text === undefined ? null : text,
						reason: null
					}))
			}))
		});
		expect(ballots.some((b) => Object.values(b.answers).some((a) => a.text))).toBe(true);
		const good = code.slice(0, 20).map((c) => prepare(c.id, '建议'));
		const poisoned = prepare(code[20].id, 'bad\u0000text');

		// Together in one transaction they fail as a whole...
		await expect(commitBatch(database.db, [...good.slice(0, 3), poisoned])).rejects.toThrow();
		expect((await rows(id)).submissions.size).toBe(0);

		// ...so the queue retries them one by one: the others are stored, the poisoned one is not.
		configureBatching(database.db, { windowMs: 30 });
		try {
			const outcomes = await Promise.allSettled(
				[...good, poisoned].map((item) => enqueueSubmission(database.db, item))
			);
			expect(outcomes.slice(0, 20).every((o) => o.status === 'fulfilled')).toBe(true);
			const failed = outcomes[20];
			expect(failed.status).toBe('rejected');
			expect(failed.status === 'rejected' && failed.reason instanceof SubmitError).toBe(false);
		} finally {
			configureBatching(database.db, {});
		}
		const after = await rows(id);
		expect(after.submissions.size).toBe(20);
		expect(after.submissions.has(poisoned.idempotencyKey)).toBe(false);
		expect(after.usedCodes).toBe(20);
		expect(after.participation).toBe(20 * ballots.length);

		// Through the front door a NUL is bad input: 400, nothing written.
		const refused = await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'code', code: codes[20] },
			ballots: ballots.map((b) => ({
				...b,
				answers: Object.fromEntries(
					Object.entries(b.answers).map(([k, a]) => [k, a.text ? { text: 'x\u0000' } : a])
				)
			}))
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(SubmitError);
		expect((refused as SubmitError).status).toBe(400);
		expect((await rows(id)).usedCodes).toBe(20);
	}, 60_000);

	it('takes back the rows a refused batch-mate wrote and commits the rest', async () => {
		const voters = await jurors(3, 'takeback');
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters
		});
		const ballots = validBallot(definition);
		expect(ballots.length).toBe(2);
		// The second juror already has participation for the team (only): their new ballot
		// writes one participation row before it is found out, and that row must go again.
		await database.db.insert(table.participation).values({
			campaignId: id,
			userId: voters[1],
			subjectId: ballots[1].subjectId
		});
		const items = await Promise.all(
			voters.map(async (userId) => {
				const [member] = await database.db
					.select()
					.from(table.electorate)
					.where(eq(table.electorate.userId, userId));
				return {
					campaign: definition.campaign,
					idempotencyKey: key(),
					receiptCode: `R${randomUUID().slice(0, 10)}`,
					rater: {
						userId,
						ballotCodeId: null,
						tierId: member.tierId,
						channel: 'online' as const
					},
					ballots: ballots.map((b) => ({
						subjectId: b.subjectId,
						answers: definition.questions
							.filter((q) => b.answers[q.key])
							.map((q) => ({
								questionId: q.id,
								optionKey: b.answers[q.key].option ?? null,
								score: null,
								selected: null,
								text: null,
								reason: null
							}))
					}))
				};
			})
		);
		const outcomes = await commitBatch(database.db, items);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
		expect(!outcomes[1].ok && (outcomes[1].error as SubmitError).code).toBe('already_voted');
		const after = await rows(id);
		expect([...after.submissions.keys()].sort()).toEqual(
			[items[0].idempotencyKey, items[2].idempotencyKey].sort()
		);
		expect(after.ballots).toBe(4);
		expect(after.participation).toBe(5);
		const second = await database.db
			.select({ n })
			.from(table.participation)
			.where(eq(table.participation.userId, voters[1]));
		expect(second[0].n).toBe(1);

		// A closed campaign refuses a whole prepared batch and keeps nothing of it.
		const late = { ...items[0], idempotencyKey: key(), rater: { ...items[0].rater } };
		await transitionCampaign(database.db, id, 'closed', null);
		const [closed] = await commitBatch(database.db, [late]);
		expect(!closed.ok && (closed.error as SubmitError).code).toBe('campaign_closed');
		const unchanged = await rows(id);
		expect(unchanged.submissions.size).toBe(2);
		expect(unchanged.ballots).toBe(4);
		expect(unchanged.participation).toBe(5);
	});

	it('refuses a submission to a campaign closed a moment ago, however fresh its cached definition', async () => {
		const [juror] = await jurors(1, 'cache');
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey', {
			voters: [juror]
		});
		const first = getOpenBallotDefinition(database.db, id);
		expect(getOpenBallotDefinition(database.db, id)).toBe(first);
		expect((await first)?.campaign.state).toBe('open');
		await transitionCampaign(database.db, id, 'closed', null);
		expect(getOpenBallotDefinition(database.db, id)).toBe(first);
		const refused = await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: juror },
			ballots: validBallot(definition)
		}).catch((e: unknown) => e);
		expect((refused as SubmitError).code).toBe('campaign_closed');
		expect((await rows(id)).submissions.size).toBe(0);
		// Closed campaigns are not kept: the next read after the second is fresh.
		const later = await getOpenBallotDefinition(database.db, id, Date.now() + 5_000);
		expect(later?.campaign.state).toBe('closed');
	});
});

describe('group commit, any interleaving', () => {
	/**
	 * Random submissions by a few jurors and cards — first tries, retries with the same key
	 * (after a random delay) and second votes with new keys — sent at random moments. Whatever
	 * the batches look like: every acknowledged key is stored once with the receipt it was
	 * given, every refused key not at all, and each rater has at most one stored submission.
	 */
	it('acknowledges only what it stored, once', async () => {
		const voters = await jurors(6, 'property');
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey', {
			voters
		});
		const ballots: BallotInput[] = validBallot(definition);
		let round = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						rater: fc.nat({ max: 9 }),
						reuse: fc.option(fc.nat({ max: 40 }), { freq: 3 }),
						delay: fc.nat({ max: 6 })
					}),
					{ minLength: 1, maxLength: 40 }
				),
				async (plan) => {
					round++;
					const codes = await printCodes(database.db, id, 4);
					const raters: Rater[] = [
						...voters.map((userId) => ({ kind: 'user' as const, userId })),
						...codes.map((code) => ({ kind: 'code' as const, code }))
					];
					// Jurors vote once per campaign: each round starts them on fresh keys of their
					// own, so rounds after the first test only refusals for them.
					const sent: SubmitRequest[] = [];
					for (const step of plan) {
						const earlier = step.reuse === null ? undefined : sent[step.reuse % (sent.length || 1)];
						sent.push(
							earlier ?? {
								campaignId: id,
								idempotencyKey: `p${round}-${key()}`,
								rater: raters[step.rater],
								ballots
							}
						);
					}
					const before = await rows(id);
					const outcomes = await Promise.allSettled(
						sent.map(
							(request, i) =>
								new Promise<Receipt>((resolve, reject) =>
									setTimeout(
										() => submitBallots(database.db, request).then(resolve, reject),
										plan[i].delay
									)
								)
						)
					);
					const after = await rows(id);
					const newKeys = [...after.submissions.keys()].filter((k) => !before.submissions.has(k));
					for (const [i, outcome] of outcomes.entries()) {
						const k = sent[i].idempotencyKey;
						if (outcome.status === 'fulfilled') {
							expect(after.submissions.get(k)).toBe(outcome.value.receiptCode);
						} else {
							expect(outcome.reason).toBeInstanceOf(SubmitError);
							expect(after.submissions.has(k)).toBe(false);
						}
					}
					// Every new key was acknowledged to someone, exactly once as new.
					for (const k of newKeys) {
						const fresh = outcomes.filter(
							(o, i) =>
								sent[i].idempotencyKey === k && o.status === 'fulfilled' && !o.value.repeated
						);
						expect(fresh).toHaveLength(1);
					}
					// One stored submission per rater at most, and rows to match.
					const raterOf = new Map(sent.map((s) => [s.idempotencyKey, JSON.stringify(s.rater)]));
					expect(new Set(newKeys.map((k) => raterOf.get(k))).size).toBe(newKeys.length);
					expect(after.ballots - before.ballots).toBe(newKeys.length * ballots.length);
					expect(after.participation - before.participation).toBe(newKeys.length * ballots.length);
				}
			),
			{ numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261122) }
		);
	}, 120_000);
});

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testServerUrl,
	type TestDatabase
} from '../../../../test/support/database';
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import { parseSnapshot, xidVisible } from '$lib/domain/live-xid';
import type { Executor } from '$lib/server/campaigns/definition';
import { submitBallots, writeBallots } from '$lib/server/campaigns/submit';
import { createBallotCodes } from '$lib/server/campaigns/codes';
import { openCampaign, printCodes, validBallot } from '$lib/server/campaigns/test-fixtures';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import {
	countCampaign,
	type CampaignCounts,
	type ChannelFilter
} from '$lib/server/results/aggregate';
import { openFixture, type Fixture } from '$lib/server/results/test-fixtures';
import { setChangeSink, type CommittedBallots, type CommittedSubmission } from './changes';
import { mintAudienceToken } from './audience';
import { LiveHub } from './hub';
import { createPostgresBus, encodeCommit, parseMessage } from './notify';
import { addBallots, emptyCounts, inFilter, mergeRecount, localCommit } from './running-tally';
import { loadLiveSource, type LiveSource } from './tally';
import { eq } from 'drizzle-orm';

let database: TestDatabase;
let fixture: Fixture;
beforeAll(async () => {
	database = await createTestDatabase();
	const units = ['甲局', '乙局', '丙局'].map((label) => ({ kind: 'unit' as const, label }));
	fixture = await openFixture(database.db, 'unit_evaluation', units);
});
afterAll(() => database.dispose());

/** Rows in a fixed order, so counts compare whatever order the database grouped them in. */
function normalize(counts: CampaignCounts) {
	const order = <T>(rows: T[]) =>
		rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
	return {
		ballots: order(counts.ballots),
		options: order(counts.options),
		scores: order(counts.scores),
		selections: order(counts.selections)
	};
}

const filters: ChannelFilter[] = ['all', 'jury', 'audience'];
const channels = ['online', 'qr', 'audience', 'paper'] as const;

/** Random submissions about the fixture's subjects, questions and tiers (any answer values). */
function submissionsArb(f: Fixture): fc.Arbitrary<CommittedSubmission[]> {
	const key = fc.constantFrom('a', 'b', 'satisfied', '甲', '1', '22', '');
	const answer = (questionId: number) =>
		fc.record({
			questionId: fc.constant(questionId),
			optionKey: fc.option(key, { nil: null }),
			score: fc.option(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constant(2_147_483_647)), {
				nil: null
			}),
			selected: fc.option(fc.array(key, { maxLength: 4 }), { nil: null }),
			text: fc.option(fc.constantFrom('好', 'x'), { nil: null }),
			reason: fc.constant(null)
		});
	const questionIds = f.definition.questions.map((q) => q.id);
	const ballot = fc.record({
		subjectId: fc.constantFrom(...f.definition.subjects.map((s) => s.id)),
		answers: fc.subarray(questionIds, { maxLength: 4 }).chain((ids) => fc.tuple(...ids.map(answer)))
	}) as fc.Arbitrary<CheckedBallot>;
	const tier = fc.constantFrom(null, ...f.definition.tiers.map((t) => t.id));
	return fc.array(
		fc.record({
			tierId: tier,
			channel: fc.constantFrom(...channels),
			ballots: fc.array(ballot, { maxLength: 3 })
		}),
		{ maxLength: 6 }
	);
}

/** Writes submissions in one transaction; answers its id. */
async function commit(db: Executor, f: Fixture, submissions: CommittedSubmission[]) {
	const [row] = rowsOf<{ xid: string }>(
		await db.execute(sql`select pg_current_xact_id()::text as xid`)
	);
	for (const s of submissions)
		await writeBallots(
			db,
			f.definition.campaign,
			{ userId: null, tierId: s.tierId, channel: s.channel },
			s.ballots
		);
	return String(row.xid);
}

describe('addBallots', () => {
	it('adds exactly what countCampaign counts, for every channel filter', async () => {
		const { db } = database;
		await fc.assert(
			fc.asyncProperty(submissionsArb(fixture), submissionsArb(fixture), async (first, second) => {
				await db.delete(table.ballot).where(eq(table.ballot.campaignId, fixture.id));
				await db.transaction((tx) => commit(tx, fixture, first));
				const before = await Promise.all(filters.map((f) => countCampaign(db, fixture.id, f)));
				await db.transaction((tx) => commit(tx, fixture, second));
				for (const [i, filter] of filters.entries()) {
					const after = await countCampaign(db, fixture.id, filter);
					const added = second
						.filter((s) => inFilter(filter, s.channel))
						.map((s) => ({ tierId: s.tierId, ballots: s.ballots }));
					expect(normalize(addBallots(before[i], added))).toEqual(normalize(after));
					// From nothing, too (the audience's first ballot).
					const all = [...first, ...second]
						.filter((s) => inFilter(filter, s.channel))
						.map((s) => ({ tierId: s.tierId, ballots: s.ballots }));
					expect(normalize(addBallots(emptyCounts(), all))).toEqual(normalize(after));
				}
			}),
			{ numRuns: 25 }
		);
	});

	it('leaves the counts it is given alone', () => {
		const counts = emptyCounts();
		addBallots(counts, [{ tierId: null, ballots: [{ subjectId: 1, answers: [] }] }]);
		expect(counts).toEqual(emptyCounts());
	});
});

describe('the recount and the commits around it', () => {
	it('reads the snapshot that says which commits the counts show', async () => {
		const source = (await loadLiveSource(database.db, fixture.id)) as LiveSource;
		expect(source.xids).not.toBeNull();
		const xid = await database.db.transaction((tx) => commit(tx, fixture, []));
		// A transaction that started after the recount is never shown by it.
		expect(xidVisible(source.xids!, BigInt(xid))).toBe(false);
		const later = (await loadLiveSource(database.db, fixture.id)) as LiveSource;
		expect(xidVisible(later.xids!, BigInt(xid))).toBe(true);
		expect(parseSnapshot('1:1:')).not.toBeNull();
	});

	it.skipIf(!testServerUrl())(
		'adds a commit in progress during the recount, and only that one (PostgreSQL)',
		async () => {
			const { db } = database;
			await db.delete(table.ballot).where(eq(table.ballot.campaignId, fixture.id));
			const [unit] = fixture.definition.subjects;
			const ballotOf = (score: number): CheckedBallot => ({
				subjectId: unit.id,
				answers: [
					{
						questionId: fixture.definition.questions[0].id,
						optionKey: null,
						score,
						selected: null,
						text: null,
						reason: null
					}
				]
			});
			// Paper ballots (turnout lists the untiered row once a card is printed for it); this
			// writer adds no participation rows, as paper entries add none.
			await printCodes(db, fixture.id, 1);
			const before: CommittedSubmission[] = [
				{ tierId: null, channel: 'paper', ballots: [ballotOf(90)] }
			];
			const during: CommittedSubmission[] = [
				{ tierId: null, channel: 'paper', ballots: [ballotOf(70)] }
			];
			const beforeXid = await db.transaction((tx) => commit(tx, fixture, before));
			// A transaction holds its rows uncommitted while the recount reads.
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			let duringXid = '';
			let written!: () => void;
			const wrote = new Promise<void>((resolve) => (written = resolve));
			const writer = db.transaction(async (tx) => {
				duringXid = await commit(tx, fixture, during);
				written();
				await held;
			});
			await wrote;
			const recount = (await loadLiveSource(db, fixture.id)) as LiveSource;
			release();
			await writer;
			const commits = [
				localCommit({ xid: beforeXid, submissions: before })!,
				localCommit({ xid: duringXid, submissions: during })!
			];
			const merged = mergeRecount(recount, commits);
			const fresh = (await loadLiveSource(db, fixture.id)) as LiveSource;
			expect(normalize(merged!.source.counts)).toEqual(normalize(fresh.counts));
			expect(merged!.source.rows).toEqual(fresh.rows);
			// Counted once each: the recount held the first, the merge added the second.
			expect(recount.rows.ballots).toBe(1);
			expect(merged!.source.rows.ballots).toBe(2);
			// The commit it did not show is kept for later recounts; what is dropped lies below the
			// snapshot's xmin (other databases' transactions on the server may hold xmin lower).
			const kept = merged!.kept.map((c) => String(c.xid));
			expect(kept).toContain(duringXid);
			for (const c of commits)
				if (!kept.includes(String(c.xid))) expect(c.xid < recount.xids!.xmin).toBe(true);
		}
	);

	it('keeps a hub exact while commits and recounts interleave in any order', async () => {
		const { db } = database;
		const campaign = await openCampaign(db, 'unit_evaluation');
		const { definition } = campaign;
		const tiers = [null, ...definition.tiers.map((t) => t.id)];
		let keys = 0;
		/** A random valid ballot for every subject (random options and scores). */
		const ballotsArb = fc.tuple(
			...definition.subjects.map((subject) => {
				const asked = definition.questions.filter((q) => q.appliesTo.includes(subject.kind));
				return fc
					.tuple(
						...asked.map((q) => {
							const scale = q.scale;
							if (scale.type === 'score')
								return fc
									.integer({ min: scale.min, max: scale.max })
									.map((score) => [q.key, { score }] as const);
							if (scale.type === 'choice')
								return fc
									.constantFrom(...scale.options.map((o) => o.key))
									.map((option) => [q.key, { option, reason: '理由' }] as const);
							return fc.constant([q.key, { text: '建议' }] as const);
						})
					)
					.map((entries) => ({ subjectId: subject.id, answers: Object.fromEntries(entries) }));
			})
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						ballots: ballotsArb,
						tier: fc.constantFrom(...tiers),
						audience: fc.boolean(),
						delay: fc.integer({ min: 0, max: 15 }),
						recount: fc.boolean(),
						wire: fc.boolean(),
						twice: fc.boolean()
					}),
					{ minLength: 1, maxLength: 10 }
				),
				async (steps) => {
					// No safety net and no resync: only the running tally and the recounts asked for.
					const hub = new LiveHub({ db, pollMs: 1e9, resyncMs: 1e9, intervalMs: 5 });
					const deliveries: Promise<void>[] = [];
					let undecoded = 0;
					let step = 0;
					setChangeSink((id, committed) => {
						const { delay, recount, wire, twice } = steps[step++ % steps.length];
						if (recount) void hub.refreshNow(id);
						deliveries.push(
							new Promise<void>((resolve) =>
								setTimeout(() => {
									const commit = committed ? localCommit(committed) : null;
									// Some as another instance would receive them: through NOTIFY's text.
									const message = commit && parseMessage(`${id}:ab:${encodeCommit(commit)}`);
									if (commit && wire && !message?.commit) undecoded++;
									if (commit) hub.committed(id, wire ? (message?.commit ?? null) : commit);
									// A repeated message changes nothing.
									if (commit && twice) hub.committed(id, message?.commit ?? null);
									else hub.changed(id, { source: true });
									resolve();
								}, delay)
							)
						);
					});
					try {
						await hub.getSnapshot(campaign.id);
						const codes = await Promise.all(
							steps.map(async (s) =>
								s.audience
									? mintAudienceToken(db, campaign.id)
									: (await createBallotCodes(db, campaign.id, 1, s.tier))[0]
							)
						);
						await hub.refreshNow(campaign.id);
						await Promise.all(
							steps.map(async (s, i) => {
								await new Promise((r) => setTimeout(r, i % 3));
								await submitBallots(db, {
									campaignId: campaign.id,
									idempotencyKey: `running-tally-${String(keys++).padStart(8, '0')}`,
									rater: { kind: 'code', code: codes[i] },
									ballots: s.ballots
								});
							})
						);
						await Promise.all(deliveries);
						await hub.getSnapshot(campaign.id);
						const held = hub.tallyOf(campaign.id) as LiveSource;
						const fresh = (await loadLiveSource(db, campaign.id)) as LiveSource;
						expect(normalize(held.counts)).toEqual(normalize(fresh.counts));
						expect(normalize(held.audience.counts ?? emptyCounts())).toEqual(
							normalize(fresh.audience.counts ?? emptyCounts())
						);
						expect(held.audience.devices.voters).toBe(fresh.audience.devices.voters);
						expect(held.turnout).toEqual(fresh.turnout);
						expect(held.rows).toEqual(fresh.rows);
						expect(undecoded).toBe(0);
					} finally {
						setChangeSink(null);
						hub.close();
					}
				}
			),
			{ numRuns: 12 }
		);
	});
});

describe('a repeated hand-over', () => {
	it('changes nothing, with or without a recount in between', async () => {
		const { db } = database;
		const campaign = await openCampaign(db, 'unit_evaluation');
		const codes = await printCodes(db, campaign.id, 2);
		const hub = new LiveHub({ db, pollMs: 1e9, resyncMs: 1e9 });
		const handed: CommittedBallots[] = [];
		setChangeSink((_, committed) => committed && handed.push(committed));
		try {
			await hub.getSnapshot(campaign.id);
			for (const [i, code] of codes.entries())
				await submitBallots(db, {
					campaignId: campaign.id,
					idempotencyKey: `running-tally-twice-${i}-000`,
					rater: { kind: 'code', code },
					ballots: validBallot(campaign.definition)
				});
			expect(handed).toHaveLength(2);
			const [first, second] = handed.map((c) => localCommit(c)!);
			hub.committed(campaign.id, first);
			hub.committed(campaign.id, first);
			hub.committed(campaign.id, second);
			const fresh = (await loadLiveSource(db, campaign.id)) as LiveSource;
			const held = () => hub.tallyOf(campaign.id) as LiveSource;
			expect(normalize(held().counts)).toEqual(normalize(fresh.counts));
			expect(held().rows).toEqual(fresh.rows);
			await hub.refreshNow(campaign.id);
			hub.committed(campaign.id, second);
			expect(normalize(held().counts)).toEqual(normalize(fresh.counts));
			expect(held().turnout).toEqual(fresh.turnout);
		} finally {
			setChangeSink(null);
			hub.close();
		}
	});
});

describe('a voter in a tier the turnout does not list yet', () => {
	it('is not guessed at: the hub recounts and agrees with the database', async () => {
		const { db } = database;
		const campaign = await openCampaign(db, 'unit_evaluation');
		const tier = campaign.definition.tiers[0];
		const hub = new LiveHub({ db, pollMs: 1e9, resyncMs: 1e9, intervalMs: 5 });
		setChangeSink((id, committed) => hub.committed(id, committed ? localCommit(committed) : null));
		try {
			await hub.getSnapshot(campaign.id);
			expect(hub.tallyOf(campaign.id)?.turnout.some((t) => t.tierId === tier.id)).toBe(false);
			const [code] = await createBallotCodes(db, campaign.id, 1, tier.id);
			await submitBallots(db, {
				campaignId: campaign.id,
				idempotencyKey: 'running-tally-new-tier-0001',
				rater: { kind: 'code', code },
				ballots: validBallot(campaign.definition)
			});
			const fresh = (await loadLiveSource(db, campaign.id)) as LiveSource;
			await expect
				.poll(() => hub.tallyOf(campaign.id)?.turnout, { timeout: 3000 })
				.toEqual(fresh.turnout);
			const held = hub.tallyOf(campaign.id) as LiveSource;
			expect(normalize(held.counts)).toEqual(normalize(fresh.counts));
			expect(held.rows).toEqual(fresh.rows);
		} finally {
			setChangeSink(null);
			hub.close();
		}
	});
});

describe('another instance', () => {
	it.skipIf(!testServerUrl())(
		'adds the figures a NOTIFY carries, without a recount, and agrees with a fresh count (PostgreSQL)',
		async () => {
			const { db } = database;
			const url = new URL(testServerUrl() ?? '');
			url.pathname = new URL(database.location).pathname;
			const campaign = await openCampaign(db, 'unit_evaluation');
			const codes = await printCodes(db, campaign.id, 6);
			const one = new LiveHub({ db, pollMs: 1e9, resyncMs: 1e9 });
			const two = new LiveHub({ db, pollMs: 1e9, resyncMs: 1e9 });
			const plain: number[] = [];
			const busOne = createPostgresBus(url.toString(), (id) => one.changed(id));
			const busTwo = createPostgresBus(url.toString(), (id, commit) => {
				if (commit) two.committed(id, commit);
				else {
					plain.push(id);
					two.changed(id);
				}
			});
			setChangeSink((id, committed) => {
				const commit = committed ? localCommit(committed) : null;
				one.committed(id, commit);
				if (commit) busOne.announceCommit(id, commit);
			});
			try {
				await Promise.all([one.getSnapshot(campaign.id), two.getSnapshot(campaign.id)]);
				await new Promise((r) => setTimeout(r, 300)); // both LISTENs are in place
				const recounted = two.tallyOf(campaign.id)?.xids;
				const ballots = validBallot(campaign.definition);
				await Promise.all(
					codes.map((code, i) =>
						submitBallots(db, {
							campaignId: campaign.id,
							idempotencyKey: `running-tally-bus-${String(i).padStart(4, '0')}`,
							rater: { kind: 'code', code },
							ballots
						})
					)
				);
				const fresh = (await loadLiveSource(db, campaign.id)) as LiveSource;
				await expect
					.poll(() => two.tallyOf(campaign.id)?.rows.ballots, { timeout: 3000 })
					.toBe(fresh.rows.ballots);
				const held = two.tallyOf(campaign.id) as LiveSource;
				// The same snapshot as before the ballots: no recount, figures from NOTIFY alone.
				expect(held.xids).toBe(recounted);
				expect(plain).toEqual([]);
				expect(normalize(held.counts)).toEqual(normalize(fresh.counts));
				expect(held.turnout).toEqual(fresh.turnout);
				expect(held.rows).toEqual(fresh.rows);
			} finally {
				setChangeSink(null);
				await Promise.all([busOne.close(), busTwo.close()]);
				one.close();
				two.close();
			}
		}
	);
});

describe('the group commit hands its ballots to the hub', () => {
	it('with the committing transaction id, after the commit', async () => {
		const { db } = database;
		const campaign = await openCampaign(db, 'unit_evaluation');
		const [code] = await printCodes(db, campaign.id, 1);
		const seen: { id: number; committed?: CommittedBallots }[] = [];
		setChangeSink((id, committed) => seen.push({ id, committed }));
		try {
			const subjects = campaign.definition.subjects;
			const questions = campaign.definition.questions;
			const answers = Object.fromEntries(
				questions
					.filter((q) => q.scale.type === 'score')
					.map((q) => [q.key, { score: q.scale.type === 'score' ? q.scale.max : 0 }])
			);
			await submitBallots(db, {
				campaignId: campaign.id,
				idempotencyKey: 'running-tally-key-0001',
				rater: { kind: 'code', code },
				ballots: subjects.map((s) => ({ subjectId: s.id, answers }))
			});
		} finally {
			setChangeSink(null);
		}
		expect(seen).toHaveLength(1);
		const { committed } = seen[0];
		expect(committed?.submissions).toHaveLength(1);
		const [row] = rowsOf<{ visible: boolean }>(
			await db.execute(
				sql`select pg_visible_in_snapshot(${committed!.xid}::xid8, pg_current_snapshot()) as visible`
			)
		);
		expect(row.visible).toBe(true);
		const counts = await countCampaign(db, campaign.id);
		expect(normalize(addBallots(emptyCounts(), committed!.submissions))).toEqual(normalize(counts));
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import type { CampaignCounts } from '$lib/server/results/aggregate';
import type { CommittedSubmission } from './changes';
import { decodeCommit, encodeCommit, maxPayloadBytes, parseMessage } from './notify';
import { addBallots, addCounts, emptyCounts, localCommit, summarize } from './running-tally';

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

const key = fc.constantFrom('a', 'b', '甲', '1', ':', '"');
const ballot: fc.Arbitrary<CheckedBallot> = fc.record({
	subjectId: fc.integer({ min: 1, max: 4 }),
	answers: fc.uniqueArray(
		fc.record({
			questionId: fc.integer({ min: 1, max: 4 }),
			optionKey: fc.option(key, { nil: null }),
			score: fc.option(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), { nil: null }),
			selected: fc.option(fc.array(key, { maxLength: 3 }), { nil: null }),
			text: fc.constant(null),
			reason: fc.constant(null)
		}),
		{ selector: (a) => a.questionId, maxLength: 4 }
	)
});
const submissions: fc.Arbitrary<CommittedSubmission[]> = fc.array(
	fc.record({
		tierId: fc.constantFrom(null, 1, 2),
		channel: fc.constantFrom('online', 'qr', 'audience', 'paper'),
		ballots: fc.array(ballot, { maxLength: 3 })
	}),
	{ maxLength: 5 }
);
const tiered = (list: CommittedSubmission[]) =>
	list.map((s) => ({ tierId: s.tierId, ballots: s.ballots }));

describe('addCounts', () => {
	it('adds two commits as counting their ballots together would', () => {
		fc.assert(
			fc.property(submissions, submissions, (a, b) => {
				const together = addBallots(emptyCounts(), tiered([...a, ...b]));
				const apart = addCounts(
					addBallots(emptyCounts(), tiered(a)),
					addBallots(emptyCounts(), tiered(b))
				);
				expect(normalize(apart)).toEqual(normalize(together));
			})
		);
	});
});

describe("a commit's figures over NOTIFY", () => {
	it('arrive exactly as sent', () => {
		fc.assert(
			fc.property(submissions, fc.bigInt({ min: 3n, max: 1n << 62n }), (list, xid) => {
				const commit = localCommit({ xid: String(xid), submissions: list })!;
				const decoded = parseMessage(`12:0a1b:${encodeCommit(commit)}`)?.commit;
				expect(decoded?.xid).toBe(xid);
				const { counts } = decoded!;
				expect(normalize(counts.jury)).toEqual(normalize(commit.counts.jury));
				expect(normalize(counts.audience)).toEqual(normalize(commit.counts.audience));
				expect(counts.voted).toEqual(commit.counts.voted);
				expect(counts.paper).toEqual(commit.counts.paper);
				expect([counts.devices, counts.ballots, counts.participation]).toEqual([
					commit.counts.devices,
					commit.counts.ballots,
					commit.counts.participation
				]);
			})
		);
	});

	it('count voters, paper ballots, devices and rows by channel', () => {
		const one: CheckedBallot = { subjectId: 1, answers: [] };
		const counts = summarize([
			{ tierId: 1, channel: 'online', ballots: [one, one] },
			{ tierId: 1, channel: 'qr', ballots: [one, one] },
			{ tierId: null, channel: 'paper', ballots: [one, one] },
			{ tierId: null, channel: 'audience', ballots: [one, one] }
		]);
		expect(counts.voted).toEqual([{ tierId: 1, n: 2 }]);
		expect(counts.paper).toEqual([{ tierId: null, n: 1 }]);
		expect(counts.devices).toBe(1);
		expect(counts.ballots).toBe(8);
		expect(counts.participation).toBe(6);
		expect(counts.jury.ballots).toEqual([
			{ subjectId: 1, tierId: 1, n: 4 },
			{ subjectId: 1, tierId: null, n: 2 }
		]);
		expect(counts.audience.ballots).toEqual([{ subjectId: 1, tierId: null, n: 2 }]);
	});

	it('refuse anything malformed', () => {
		const good = encodeCommit(localCommit({ xid: '5', submissions: [] })!);
		expect(decodeCommit(good)).not.toBeNull();
		for (const bad of [
			'{}',
			'[]',
			'null',
			'{',
			good.replace('"x":"5"', '"x":"-5"'),
			good.replace('"d":0', '"d":-1'),
			good.replace('"d":0', '"d":0.5'),
			good.replace('"j":[[],[],[],[]]', '"j":[[[1,0]],[],[],[]]'),
			good.replace('"j":[[],[],[],[]]', '"j":[[],[],[[1,0,1,"1e3",1]],[]]')
		])
			expect(decodeCommit(bad)).toBeNull();
		expect(parseMessage(`12:0a1b:${good.slice(0, -1)}`)).toBeNull();
		// Too large for one NOTIFY: the sender falls back to a plain message (notify.ts).
		expect(maxPayloadBytes).toBeLessThan(8000);
	});
});

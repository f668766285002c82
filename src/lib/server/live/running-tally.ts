/**
 * Running tallies (docs/LIVE.md, "Transport"): the hub's counts advanced in memory by each local
 * commit, so a push costs no SQL recount. `addBallots` mirrors the GROUP BY queries of
 * results/aggregate.ts row for row (a property test holds it to them on both databases), and
 * `mergeRecount` is the rule that keeps a recount and the commits around it from being counted
 * twice or missed: the recount plus exactly the local commits its snapshot does not show.
 */
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import { parseXid, xidVisible } from '$lib/domain/live-xid';
import type {
	BallotCount,
	CampaignCounts,
	ChannelFilter,
	OptionCount,
	ScoreSum
} from '$lib/server/results/aggregate';
import type { CommittedBallots, CommittedSubmission } from './changes';
import type { LiveSource } from './tally';

/** Ballots of one tier, as one commit stored them. */
export interface TierBallots {
	tierId: number | null;
	ballots: CheckedBallot[];
}

const cell = (subjectId: number, tierId: number | null) => `${subjectId}|${tierId ?? ''}`;

/**
 * The counts after adding ballots, as `countCampaign` would read them from the database: one
 * ballot row per subject and tier; an answer with an option key counts that option; one with a
 * score adds it to the exact sum (bigint) and its count; one with a selection (even an empty
 * one) counts each selected key, repeats included. Free text and reasons count nowhere. Pure:
 * the given counts are not changed.
 */
export function addBallots(counts: CampaignCounts, added: TierBallots[]): CampaignCounts {
	const ballots = new Map<string, BallotCount>(
		counts.ballots.map((r) => [cell(r.subjectId, r.tierId), { ...r }])
	);
	const keyed = (rows: OptionCount[]) =>
		new Map<string, OptionCount>(
			rows.map((r) => [`${cell(r.subjectId, r.tierId)}|${r.questionId}|${r.key}`, { ...r }])
		);
	const options = keyed(counts.options);
	const selections = keyed(counts.selections);
	const scores = new Map<string, ScoreSum>(
		counts.scores.map((r) => [`${cell(r.subjectId, r.tierId)}|${r.questionId}`, { ...r }])
	);
	const bump = (
		map: Map<string, OptionCount>,
		base: { subjectId: number; tierId: number | null; questionId: number },
		key: string
	) => {
		const id = `${cell(base.subjectId, base.tierId)}|${base.questionId}|${key}`;
		const row = map.get(id);
		if (row) row.n++;
		else map.set(id, { ...base, key, n: 1 });
	};

	for (const { tierId, ballots: list } of added)
		for (const ballot of list) {
			const { subjectId } = ballot;
			const at = cell(subjectId, tierId);
			const row = ballots.get(at);
			if (row) row.n++;
			else ballots.set(at, { subjectId, tierId, n: 1 });
			for (const answer of ballot.answers) {
				const base = { subjectId, tierId, questionId: answer.questionId };
				if (answer.optionKey !== null) bump(options, base, answer.optionKey);
				if (answer.score !== null) {
					const id = `${at}|${answer.questionId}`;
					const sum = scores.get(id);
					if (sum) {
						sum.total += BigInt(answer.score);
						sum.n++;
					} else scores.set(id, { ...base, total: BigInt(answer.score), n: 1 });
				}
				if (answer.selected !== null)
					for (const key of answer.selected) bump(selections, base, key);
			}
		}
	return {
		ballots: [...ballots.values()],
		options: [...options.values()],
		scores: [...scores.values()],
		selections: [...selections.values()]
	};
}

export const emptyCounts = (): CampaignCounts => ({
	ballots: [],
	options: [],
	scores: [],
	selections: []
});

/** Whether a ballot of this channel is counted under the filter (aggregate.ts's condition). */
export function inFilter(filter: ChannelFilter, channel: CommittedSubmission['channel']): boolean {
	if (filter === 'all') return true;
	return filter === 'audience' ? channel === 'audience' : channel !== 'audience';
}

/**
 * The sum of two sets of counts, row by row (what counting both sets of ballots together gives).
 * Pure.
 */
export function addCounts(a: CampaignCounts, b: CampaignCounts): CampaignCounts {
	const merge = <T extends { n: number }>(
		left: T[],
		right: T[],
		key: (row: T) => string,
		add: (into: T, row: T) => void
	): T[] => {
		const rows = new Map<string, T>(left.map((r) => [key(r), { ...r }]));
		for (const row of right) {
			const into = rows.get(key(row));
			if (into) add(into, row);
			else rows.set(key(row), { ...row });
		}
		return [...rows.values()];
	};
	const count = (into: { n: number }, row: { n: number }) => {
		into.n += row.n;
	};
	const optionKey = (r: OptionCount) => `${cell(r.subjectId, r.tierId)}|${r.questionId}|${r.key}`;
	return {
		ballots: merge(a.ballots, b.ballots, (r) => cell(r.subjectId, r.tierId), count),
		options: merge(a.options, b.options, optionKey, count),
		scores: merge(
			a.scores,
			b.scores,
			(r) => `${cell(r.subjectId, r.tierId)}|${r.questionId}`,
			(into, row) => {
				into.n += row.n;
				into.total += row.total;
			}
		),
		selections: merge(a.selections, b.selections, optionKey, count)
	};
}

/**
 * What one commit adds, by kind of figure: counts of the jury's and of the audience's ballots,
 * voters per tier (online and card ballots), paper ballots per tier, audience devices, and the
 * ballot and participation rows. Small enough to travel in a NOTIFY (notify.ts).
 */
export interface CommitCounts {
	jury: CampaignCounts;
	audience: CampaignCounts;
	voted: { tierId: number | null; n: number }[];
	paper: { tierId: number | null; n: number }[];
	devices: number;
	ballots: number;
	participation: number;
}

/** The figures of a commit's submissions (see `addBallots` for how ballots count). */
export function summarize(submissions: CommittedSubmission[]): CommitCounts {
	const part = (keep: (s: CommittedSubmission) => boolean) =>
		addBallots(
			emptyCounts(),
			submissions.filter(keep).map((s) => ({ tierId: s.tierId, ballots: s.ballots }))
		);
	const perTier = (channel: (c: CommittedSubmission['channel']) => boolean) => {
		const tiers = new Map<number | null, number>();
		for (const s of submissions)
			if (channel(s.channel)) tiers.set(s.tierId, (tiers.get(s.tierId) ?? 0) + 1);
		return [...tiers].map(([tierId, n]) => ({ tierId, n }));
	};
	const rows = (keep: (s: CommittedSubmission) => boolean) =>
		submissions.filter(keep).reduce((n, s) => n + s.ballots.length, 0);
	return {
		jury: part((s) => s.channel !== 'audience'),
		audience: part((s) => s.channel === 'audience'),
		voted: perTier((c) => c === 'online' || c === 'qr'),
		paper: perTier((c) => c === 'paper'),
		devices: submissions.filter((s) => s.channel === 'audience').length,
		ballots: rows(() => true),
		participation: rows((s) => s.channel !== 'paper')
	};
}

/** A commit kept by the hub until every later recount is sure to show it. */
export interface LocalCommit {
	xid: bigint;
	counts: CommitCounts;
}

export function localCommit(committed: CommittedBallots): LocalCommit | null {
	const xid = parseXid(committed.xid);
	return xid === null ? null : { xid, counts: summarize(committed.submissions) };
}

const isEmpty = (counts: CampaignCounts) =>
	counts.ballots.length +
		counts.options.length +
		counts.scores.length +
		counts.selections.length ===
	0;

/**
 * The live source with one commit added: the main counts (the jury's, with the audience's when
 * they count together), the audience's own counts and devices, the jury's turnout (voters and
 * paper ballots per tier), and the row totals the safety net compares with the database. Null
 * when the commit cannot be added exactly (a tier the turnout does not list yet): then the hub
 * recounts.
 */
export function applyCommit(source: LiveSource, commit: LocalCommit): LiveSource | null {
	const { counts } = commit;
	const turnout = source.turnout.map((t) => ({ ...t }));
	for (const [field, list] of [
		['voted', counts.voted],
		['paper', counts.paper]
	] as const)
		for (const { tierId, n } of list) {
			const row = turnout.find((t) => t.tierId === tierId);
			if (!row) return null;
			row[field] += n;
		}
	const main = source.audience.settings.countWithJury
		? addCounts(counts.jury, counts.audience)
		: counts.jury;
	const audienceVoted = counts.devices > 0 || !isEmpty(counts.audience);
	return {
		...source,
		counts: isEmpty(main) ? source.counts : addCounts(source.counts, main),
		turnout,
		audience: {
			...source.audience,
			devices: {
				...source.audience.devices,
				voters: source.audience.devices.voters + counts.devices
			},
			counts: audienceVoted
				? addCounts(source.audience.counts ?? emptyCounts(), counts.audience)
				: source.audience.counts
		},
		rows: {
			ballots: source.rows.ballots + counts.ballots,
			participation: source.rows.participation + counts.participation
		}
	};
}

/** Whether the source's snapshot already shows the commit (its counts include it). */
export function shows(source: LiveSource, commit: LocalCommit): boolean {
	return source.xids !== null && xidVisible(source.xids, commit.xid);
}

/**
 * A recount merged with the local commits around it: the recount plus every kept commit its
 * snapshot does not show, and the commits still worth keeping (those a later recount might not
 * show; anything below the snapshot's xmin is visible to every later snapshot). Null when a
 * commit cannot be added exactly; the caller then recounts again.
 */
export function mergeRecount(
	recount: LiveSource,
	commits: LocalCommit[]
): { source: LiveSource; kept: LocalCommit[] } | null {
	// Without a snapshot nothing says which commits the recount holds: trust it alone (the hub
	// recounts again for any commit handed over afterwards). PostgreSQL 13+ always says.
	if (recount.xids === null) return { source: recount, kept: [] };
	let source: LiveSource | null = recount;
	for (const commit of commits) {
		if (shows(recount, commit)) continue;
		source = applyCommit(source, commit);
		if (!source) return null;
	}
	const xmin = recount.xids?.xmin;
	const kept = xmin === undefined ? commits : commits.filter((c) => c.xid >= xmin);
	return { source, kept };
}

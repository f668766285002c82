/**
 * Synthetic ballots for a rehearsal. They exist only as counts in this process's memory, in the
 * same shape the SQL tally returns, so the screen and the reveal run exactly as on the night;
 * nothing here can reach the ballot tables.
 */
import type { BallotQuestion } from '$lib/domain/campaign-scale';
import type { BallotDefinition } from '$lib/server/campaigns/definition';
import type { CampaignCounts, OptionCount } from '$lib/server/results/aggregate';

export interface RehearsalTally {
	counts: CampaignCounts;
	/** Synthetic raters per tier id (null: no tier). */
	voters: Map<number | null, number>;
}

export const emptyRehearsal = (): RehearsalTally => ({
	counts: { ballots: [], options: [], scores: [], selections: [] },
	voters: new Map()
});

type Random = () => number;

function bump<T extends { n: number }>(rows: T[], match: (row: T) => boolean, make: () => T) {
	const row = rows.find(match);
	if (row) row.n += 1;
	else rows.push(make());
}

function addOption(
	rows: OptionCount[],
	subjectId: number,
	tierId: number | null,
	q: number,
	key: string
) {
	bump(
		rows,
		(r) => r.subjectId === subjectId && r.tierId === tierId && r.questionId === q && r.key === key,
		() => ({ subjectId, tierId, questionId: q, key, n: 1 })
	);
}

/** Each subject leans one way, so a rehearsal ranking settles as a real one does. */
const leaning = (subjectId: number) => ((subjectId * 2654435761) % 1000) / 1000;

function answer(
	counts: CampaignCounts,
	question: BallotQuestion,
	subjectId: number,
	tierId: number | null,
	definition: BallotDefinition,
	random: Random
) {
	const scale = question.scale;
	const lean = leaning(subjectId);
	if (scale.type === 'score') {
		const value = Math.round(
			scale.min + (scale.max - scale.min) * (0.5 + 0.3 * lean + 0.2 * random())
		);
		const row = counts.scores.find(
			(r) => r.subjectId === subjectId && r.tierId === tierId && r.questionId === question.id
		);
		if (row) {
			row.total += BigInt(Math.min(scale.max, value));
			row.n += 1;
		} else
			counts.scores.push({
				subjectId,
				tierId,
				questionId: question.id,
				total: BigInt(Math.min(scale.max, value)),
				n: 1
			});
	} else if (scale.type === 'choice') {
		const usable = scale.options.filter((o) => !o.excluded);
		const index = Math.min(usable.length - 1, Math.floor(usable.length * random() * (1.2 - lean)));
		if (usable[index]) addOption(counts.options, subjectId, tierId, question.id, usable[index].key);
	} else if (scale.type === 'pick') {
		const candidates = definition.subjects.filter((s) => scale.candidateKinds.includes(s.kind));
		const chosen = candidates
			.filter((c) => random() < 0.2 + 0.5 * leaning(c.id))
			.slice(0, scale.max);
		for (const c of chosen)
			addOption(counts.selections, subjectId, tierId, question.id, String(c.id));
	}
}

/** Adds n synthetic raters, each rating every subject of the campaign. */
export function addSyntheticBallots(
	tally: RehearsalTally,
	definition: BallotDefinition,
	n: number,
	random: Random = Math.random
): void {
	const tierIds = definition.tiers.length > 0 ? definition.tiers.map((t) => t.id) : [null];
	for (let i = 0; i < n; i++) {
		const tierId = tierIds[Math.floor(random() * tierIds.length)] ?? null;
		tally.voters.set(tierId, (tally.voters.get(tierId) ?? 0) + 1);
		for (const subject of definition.subjects) {
			bump(
				tally.counts.ballots,
				(r) => r.subjectId === subject.id && r.tierId === tierId,
				() => ({ subjectId: subject.id, tierId, n: 1 })
			);
			for (const question of definition.questions.filter((q) => q.appliesTo.includes(subject.kind)))
				answer(tally.counts, question, subject.id, tierId, definition, random);
		}
	}
}

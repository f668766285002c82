/**
 * Synthetic ballots for a rehearsal. They exist only as counts in memory, in the same shape the
 * SQL tally returns, so the screen and the reveal run exactly as on the night; nothing here can
 * reach the ballot tables. They are drawn from a seeded generator, so the seed and the number of
 * ballots (kept in live_state) rebuild the same tally on every instance and after a restart.
 */
import type { BallotQuestion } from '$lib/domain/campaign-scale';
import type { BallotDefinition } from '$lib/server/campaigns/definition';
import type { CampaignCounts, OptionCount, ScoreSum } from '$lib/server/results/aggregate';
import { createPrng, type Prng } from '$lib/server/demo/prng';

export interface RehearsalTally {
	counts: CampaignCounts;
	/** Synthetic raters per tier id (null: no tier). */
	voters: Map<number | null, number>;
}

/** Each subject leans one way, so a rehearsal ranking settles as a real one does. */
const leaning = (subjectId: number) => ((subjectId * 2654435761) % 1000) / 1000;

export class SyntheticTally {
	readonly voters = new Map<number | null, number>();
	private readonly ballots = new Map<
		string,
		{ subjectId: number; tierId: number | null; n: number }
	>();
	private readonly options = new Map<string, OptionCount>();
	private readonly selections = new Map<string, OptionCount>();
	private readonly scores = new Map<string, ScoreSum>();
	private readonly prng: Prng;
	private made = 0;

	constructor(
		readonly seed: number,
		private readonly definition: BallotDefinition
	) {
		this.prng = createPrng(seed);
	}

	/** The tally after `count` synthetic raters; null when it would have to shrink (start over). */
	upTo(count: number): RehearsalTally | null {
		if (count < this.made) return null;
		while (this.made < count) this.addRater();
		return {
			counts: {
				ballots: [...this.ballots.values()],
				options: [...this.options.values()],
				scores: [...this.scores.values()],
				selections: [...this.selections.values()]
			},
			voters: this.voters
		};
	}

	private addRater(): void {
		const tiers = this.definition.tiers;
		const tierId = tiers.length > 0 ? this.prng.pick(tiers).id : null;
		this.voters.set(tierId, (this.voters.get(tierId) ?? 0) + 1);
		for (const subject of this.definition.subjects) {
			const key = `${subject.id}|${tierId}`;
			const row = this.ballots.get(key) ?? { subjectId: subject.id, tierId, n: 0 };
			row.n += 1;
			this.ballots.set(key, row);
			for (const question of this.definition.questions)
				if (question.appliesTo.includes(subject.kind)) this.answer(question, subject.id, tierId);
		}
		this.made += 1;
	}

	private count(
		into: Map<string, OptionCount>,
		s: number,
		t: number | null,
		q: number,
		key: string
	) {
		const k = `${s}|${t}|${q}|${key}`;
		const row = into.get(k) ?? { subjectId: s, tierId: t, questionId: q, key, n: 0 };
		row.n += 1;
		into.set(k, row);
	}

	private answer(question: BallotQuestion, subjectId: number, tierId: number | null): void {
		const scale = question.scale;
		const lean = leaning(subjectId);
		const roll = this.prng.next();
		if (scale.type === 'score') {
			const share = Math.min(1, 0.5 + 0.3 * lean + 0.2 * roll);
			const value = Math.round(scale.min + (scale.max - scale.min) * share);
			const k = `${subjectId}|${tierId}|${question.id}`;
			const row = this.scores.get(k) ?? {
				subjectId,
				tierId,
				questionId: question.id,
				total: 0n,
				n: 0
			};
			row.total += BigInt(value);
			row.n += 1;
			this.scores.set(k, row);
		} else if (scale.type === 'choice') {
			const usable = scale.options.filter((o) => !o.excluded);
			// Options run from best to worst; a subject that leans high picks early ones more often.
			const index = Math.min(usable.length - 1, Math.floor(usable.length * roll * (1.2 - lean)));
			if (usable[index])
				this.count(this.options, subjectId, tierId, question.id, usable[index].key);
		} else if (scale.type === 'pick') {
			const chosen = this.definition.subjects
				.filter((c) => scale.candidateKinds.includes(c.kind))
				.filter((c) => this.prng.chance(0.1 + 0.4 * leaning(c.id)))
				.slice(0, scale.max);
			for (const c of chosen)
				this.count(this.selections, subjectId, tierId, question.id, String(c.id));
		}
	}
}

/**
 * Checklist ticks (一报告两评议's problem list) and candidate picks (十佳十差), counted per key over
 * all tiers, as a share of the ballots returned for the subject the question was asked about.
 */
import { rational, toPercentString, type Rational } from '$lib/domain/scoring';
import type { BallotDefinition } from '$lib/server/campaigns/definition';
import type { CampaignCounts } from './aggregate';
import type { ResultSettings } from './settings';
import type { SelectionResult } from './snapshot';

export interface Selections {
	results: SelectionResult[];
	/** Picks per question key and candidate subject id; null when the ballots are too few to show. */
	picks: Map<string, Map<number, number>> | null;
}

function share(count: number, ballots: number, settings: ResultSettings): SelectionResult['share'] {
	const value: Rational | null = ballots === 0 ? null : rational(count, ballots);
	const { precision, mode } = settings.rateRounding;
	return {
		optionKeys: [],
		denominatorKind: 'returned',
		numerator: count,
		denominator: ballots,
		value,
		percent: value === null ? null : toPercentString(value, precision, mode)
	};
}

export function computeSelections(
	definition: BallotDefinition,
	counts: CampaignCounts,
	ballots: Map<number, Map<string, number>>,
	settings: ResultSettings
): Selections {
	const results: SelectionResult[] = [];
	let picks: Map<string, Map<number, number>> | null = new Map();
	for (const subject of definition.subjects) {
		const returned = [...(ballots.get(subject.id)?.values() ?? [])].reduce((a, b) => a + b, 0);
		for (const question of definition.questions) {
			const scale = question.scale;
			if (!question.appliesTo.includes(subject.kind)) continue;
			if (scale.type !== 'checklist' && scale.type !== 'pick') continue;
			if (returned < settings.minBallots || returned === 0) {
				if (scale.type === 'pick') picks = null;
				continue;
			}
			const keys =
				scale.type === 'checklist'
					? scale.options.map((o) => o.key)
					: definition.subjects
							.filter((s) => scale.candidateKinds.includes(s.kind))
							.map((s) => String(s.id));
			const tallied = new Map(keys.map((k) => [k, 0]));
			for (const row of counts.selections)
				if (row.questionId === question.id && row.subjectId === subject.id && tallied.has(row.key))
					tallied.set(row.key, (tallied.get(row.key) ?? 0) + row.n);
			for (const [key, count] of tallied)
				results.push({
					question: question.key,
					subject: subject.id,
					key,
					count,
					share: share(count, returned, settings)
				});
			if (scale.type === 'pick' && picks)
				picks.set(question.key, new Map([...tallied].map(([k, n]) => [Number(k), n])));
		}
	}
	return { results, picks };
}

/**
 * Rankings and consequence outcomes from the per-subject headline figures, through the engine's
 * rankSubjects and evaluateRules.
 */
import {
	div,
	displayScore,
	evaluateRules,
	fromDecimal,
	fromInt,
	rankSubjects,
	toPercentString,
	type ChoiceTally,
	type ConsequenceRule,
	type Outcome,
	type Rational,
	type RankOptions
} from '$lib/domain/scoring';
import type { ResultSettings } from './settings';
import type { Standing } from './snapshot';

export interface Headline {
	subjectId: number;
	/** Exact figure; null when the subject is hidden (too few ballots) or has no valid answer. */
	value: Rational | null;
	suppressed: boolean;
}

export type Basis = 'score' | 'rate' | 'picks';

function displayOf(value: Rational | null, basis: Basis, settings: ResultSettings): string | null {
	if (value === null) return null;
	if (basis === 'score') return displayScore(value, settings.scoreRounding);
	if (basis === 'rate') {
		const { precision, mode } = settings.rateRounding;
		return toPercentString(value, precision, mode);
	}
	return value.num.toString();
}

/** The figure a subject is ranked on: exact, or as published so equal published figures tie. */
function rankValue(value: Rational | null, display: string | null, basis: Basis, on: string) {
	if (value === null || display === null || on === 'exact' || basis === 'picks') return value;
	const shown = fromDecimal(display);
	return basis === 'rate' ? div(shown, fromInt(100)) : shown;
}

export function rankHeadlines(
	headlines: readonly Headline[],
	basis: Basis,
	settings: ResultSettings,
	options: RankOptions = settings.rank
): Standing[] {
	const shown = headlines.map((h) => ({ ...h, display: displayOf(h.value, basis, settings) }));
	const ranked = rankSubjects(
		shown.map((h) => ({
			subject: String(h.subjectId),
			value: rankValue(h.value, h.display, basis, settings.rankOn)
		})),
		options
	);
	const byId = new Map(shown.map((h) => [String(h.subjectId), h]));
	return ranked.map((entry) => {
		const headline = byId.get(entry.subject) as (typeof shown)[number];
		return {
			...entry,
			subjectId: headline.subjectId,
			display: headline.display,
			suppressed: headline.suppressed
		};
	});
}

/**
 * Applies the campaign's rules. A rank rule needs at least two ranked subjects: last place among
 * one is no finding. Threshold rules see only subjects whose figures are shown.
 */
export function proposeOutcomes(
	campaignId: number,
	rankings: Record<string, Standing[]>,
	tallies: Record<string, ChoiceTally>,
	rules: readonly ConsequenceRule[],
	settings: ResultSettings
): { applied: ConsequenceRule[]; outcomes: Outcome[] } {
	const placed = (name: string) =>
		(rankings[name] ?? []).filter((entry) => entry.position !== null).length;
	const applied = rules.filter(
		(rule) => rule.kind === 'threshold' || placed(rule.ranking ?? 'main') >= 2
	);
	const outcomes = evaluateRules(
		{
			campaignId: String(campaignId),
			rankings,
			tallies: { main: tallies },
			rounding: settings.rateRounding
		},
		applied
	);
	return { applied, outcomes };
}

/**
 * Declarative consequence rules, evaluated over ranked results and tallies. An outcome names the
 * campaign, the rule, the subject and the numbers that triggered it; it is a proposal that staff
 * confirm, annotate or overturn elsewhere — the numbers themselves are never edited.
 */
import { compare, rational, type Rational } from './rational';
import { shareOf, type Rounding } from './rates';
import type { RankedEntry } from './rank';
import type { Label, Provenance } from './scale';
import type { ChoiceTally, DenominatorKind } from './tally';

export const consequences = [
	'not_eligible_excellent',
	'head_adjustment_proposed',
	'key_supervision',
	'rectification',
	'merit_award',
	'citywide_warning',
	'admonishment',
	'yellow_card',
	'admonishing_talk_or_adjustment',
	'removal_considered',
	'no_promotion_this_year'
] as const;
export type Consequence = (typeof consequences)[number];

/** over: >, at-least: ≥, below: <, at-most: ≤ — 超过 is 'over', 达到…以上 is 'at-least'. */
export type Comparison = 'over' | 'at-least' | 'below' | 'at-most';

interface RuleBase {
	id: string;
	label?: Label;
	consequences: readonly Consequence[];
	/** Days allowed for rectification (限期整改), when the consequence opens a rectification item. */
	rectificationDays?: number;
	provenance?: Provenance;
}

export interface RankRule extends RuleBase {
	kind: 'last-place' | 'top' | 'bottom';
	/** How many places (ignored for last place, which is 1). */
	n?: number;
	/** Which ranking of the campaign to use (e.g. 'best' and 'worst' picks); default 'main'. */
	ranking?: string;
	/** Only subjects whose ranked value passes this test qualify (e.g. more than zero 'worst' picks). */
	only?: { comparison: Comparison; value: Rational };
}

export interface ThresholdRule extends RuleBase {
	kind: 'threshold';
	/** Option keys, or the name of one of the scale's option sets (e.g. 'belowCompetent'). */
	operand: string | readonly string[];
	fraction: Rational;
	comparison: Comparison;
	denominator: DenominatorKind;
	/** Which item's tallies to test; default 'main'. */
	item?: string;
	/** Skip subjects whose denominator is smaller (too few answers to judge); default 1. */
	minDenominator?: number;
}

export type ConsequenceRule = RankRule | ThresholdRule;

export interface RankTrigger {
	kind: 'rank';
	value: Rational;
	position: number;
	positionFromBottom: number;
	/** Subjects ranked in all. */
	of: number;
	/** Places the rule names (3 for bottom three). */
	places: number;
	/** The subject is included only because it ties with the subject at the last place named. */
	tiedAtBoundary: boolean;
	tiedWith: readonly string[];
	/** How many subjects the rule selected: more than `places` when a tie straddles the boundary. */
	selected: number;
}

export interface ThresholdTrigger {
	kind: 'threshold';
	optionKeys: readonly string[];
	numerator: number;
	denominator: number;
	denominatorKind: DenominatorKind;
	fraction: Rational;
	comparison: Comparison;
	rate: Rational;
	percent: string | null;
}

export interface Outcome {
	campaignId: string;
	ruleId: string;
	subject: string;
	consequences: readonly Consequence[];
	rectificationDays: number | null;
	trigger: RankTrigger | ThresholdTrigger;
}

export interface RuleContext {
	campaignId: string;
	/** Rankings by name; 'main' unless a rule says otherwise. */
	rankings: Readonly<Record<string, readonly RankedEntry[]>>;
	/** Tallies by item name, then by subject code; 'main' unless a rule says otherwise. */
	tallies?: Readonly<Record<string, Readonly<Record<string, ChoiceTally>>>>;
	rounding?: Rounding;
}

/** Exact test of a/b against the fraction p/q by cross-multiplication (a·q vs p·b, b > 0). */
export function meetsComparison(
	numerator: number,
	denominator: number,
	fraction: Rational,
	comparison: Comparison
) {
	const order = compare(rational(numerator, denominator), fraction);
	return passes(order, comparison);
}

function passes(order: -1 | 0 | 1, comparison: Comparison): boolean {
	if (comparison === 'over') return order > 0;
	if (comparison === 'at-least') return order >= 0;
	if (comparison === 'below') return order < 0;
	return order <= 0;
}

export function evaluateRules(context: RuleContext, rules: readonly ConsequenceRule[]): Outcome[] {
	const ids = rules.map((rule) => rule.id);
	if (new Set(ids).size !== ids.length) throw new RangeError('two rules share an id');
	return rules.flatMap((rule) =>
		rule.kind === 'threshold' ? evaluateThreshold(context, rule) : evaluateRank(context, rule)
	);
}

function outcomeOf(
	context: RuleContext,
	rule: RuleBase,
	subject: string,
	trigger: Outcome['trigger']
): Outcome {
	return {
		campaignId: context.campaignId,
		ruleId: rule.id,
		subject,
		consequences: rule.consequences,
		rectificationDays: rule.rectificationDays ?? null,
		trigger
	};
}

function placesOf(rule: RankRule): number {
	const places = rule.kind === 'last-place' ? 1 : rule.n;
	if (places === undefined || !Number.isSafeInteger(places) || places < 1) {
		throw new RangeError(`rule ${rule.id} needs a positive whole number of places`);
	}
	return places;
}

/**
 * Top/bottom N by competition position, so every subject tied at the boundary is included (and
 * marked): the bottom three of 5, 4, 3, 3 ... selects four subjects.
 */
type Placed = RankedEntry & { value: Rational; position: number; positionFromBottom: number };

function isPlaced(entry: RankedEntry): entry is Placed {
	return entry.value !== null && entry.position !== null && entry.positionFromBottom !== null;
}

function evaluateRank(context: RuleContext, rule: RankRule): Outcome[] {
	const name = rule.ranking ?? 'main';
	const ranking = context.rankings[name];
	if (!ranking) throw new RangeError(`rule ${rule.id} names a missing ranking ${name}`);
	const places = placesOf(rule);
	const ranked = ranking.filter(isPlaced);
	const placeOf = (entry: Placed) =>
		rule.kind === 'top' ? entry.position : entry.positionFromBottom;
	const qualifies = (entry: Placed) =>
		!rule.only || passes(compare(entry.value, rule.only.value), rule.only.comparison);
	const selected = ranked.filter((entry) => placeOf(entry) <= places && qualifies(entry));
	return selected.map((entry) =>
		outcomeOf(context, rule, entry.subject, {
			kind: 'rank',
			value: entry.value,
			position: entry.position,
			positionFromBottom: entry.positionFromBottom,
			of: ranked.length,
			places,
			// The tie group occupies places placeOf .. placeOf + size - 1; past the boundary means a tie.
			tiedAtBoundary: placeOf(entry) + entry.tiedWith.length > places,
			tiedWith: entry.tiedWith,
			selected: selected.length
		})
	);
}

function evaluateThreshold(context: RuleContext, rule: ThresholdRule): Outcome[] {
	const item = rule.item ?? 'main';
	const tallies = context.tallies?.[item];
	if (!tallies) throw new RangeError(`rule ${rule.id} needs the tallies of item ${item}`);
	return Object.entries(tallies).flatMap(([subject, tally]) => {
		const rate = shareOf(tally, rule.operand, {
			denominator: rule.denominator,
			rounding: context.rounding
		});
		if (rate.value === null || rate.denominator < (rule.minDenominator ?? 1)) return [];
		if (!meetsComparison(rate.numerator, rate.denominator, rule.fraction, rule.comparison))
			return [];
		return [
			outcomeOf(context, rule, subject, {
				kind: 'threshold',
				optionKeys: rate.optionKeys,
				numerator: rate.numerator,
				denominator: rate.denominator,
				denominatorKind: rate.denominatorKind,
				fraction: rule.fraction,
				comparison: rule.comparison,
				rate: rate.value,
				percent: rate.percent
			})
		];
	});
}

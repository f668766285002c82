/**
 * One call from per-subject tallies to results, ranks and outcomes: what a campaign/ballot layer
 * needs after counting. The settings are plain data stored with the campaign.
 */
import { div, fromDecimal, fromInt, type Rational } from './rational';
import {
	defaultRounding,
	satisfactionRate,
	weightedScore,
	type RateResult,
	type Rounding,
	type ScoreResult
} from './rates';
import { rankSubjects, type RankedEntry, type RankOptions } from './rank';
import { evaluateRules, type ConsequenceRule, type Outcome } from './rules';
import { returnedCount, validCount, type DenominatorKind, type Tally } from './tally';

export interface ScoringSettings {
	/** Denominator of rates (satisfaction, 优秀率 ...). */
	rateDenominator: DenominatorKind;
	/** Denominator of weighted scores; 'valid' drops 不了解 as the national survey does. */
	scoreDenominator: DenominatorKind;
	/** Rounding of scores (points) and of rates (percent), e.g. 2 and 3 decimals. */
	scoreRounding: Rounding;
	rateRounding: Rounding;
	/** Options counted as satisfied; default: the scale's 'satisfied' set. */
	satisfiedOptions?: readonly string[];
	/** What the main ranking orders by, and whether on the exact or the published (rounded) figure. */
	rankBy: 'score' | 'satisfaction';
	rankOn: 'exact' | 'displayed';
	rank: RankOptions;
	rules: readonly ConsequenceRule[];
}

export const defaultScoringSettings: ScoringSettings = {
	rateDenominator: 'valid',
	scoreDenominator: 'valid',
	scoreRounding: defaultRounding,
	rateRounding: defaultRounding,
	rankBy: 'score',
	rankOn: 'displayed',
	rank: {},
	rules: []
};

export interface SubjectInput {
	subject: string;
	tally: Tally;
}

export interface SubjectResult {
	subject: string;
	returned: number;
	valid: number;
	score: ScoreResult | null;
	satisfaction: RateResult | null;
}

export interface CampaignResults {
	subjects: readonly SubjectResult[];
	ranking: readonly RankedEntry[];
	outcomes: readonly Outcome[];
}

function scoreOf(tally: Tally, settings: ScoringSettings): ScoreResult | null {
	const scorable =
		tally.kind === 'numeric' || tally.scale.options.every((o) => o.excluded || o.value);
	return scorable
		? weightedScore(tally, {
				denominator: settings.scoreDenominator,
				rounding: settings.scoreRounding
			})
		: null;
}

function satisfactionOf(tally: Tally, settings: ScoringSettings): RateResult | null {
	if (tally.kind === 'numeric') return null;
	if (!settings.satisfiedOptions && !tally.scale.sets.satisfied) return null;
	return satisfactionRate(tally, {
		denominator: settings.rateDenominator,
		rounding: settings.rateRounding,
		optionKeys: settings.satisfiedOptions
	});
}

/** The figure a subject is ranked on: exact, or as published (so equal published figures tie). */
function rankValue(result: SubjectResult, settings: ScoringSettings): Rational | null {
	const exact = settings.rankBy === 'score' ? result.score?.value : result.satisfaction?.value;
	const shown = settings.rankBy === 'score' ? result.score?.display : result.satisfaction?.percent;
	if (exact === undefined || exact === null) return null;
	if (settings.rankOn === 'exact' || !shown) return exact;
	// Back from the published text to the same scale as the exact value (a rate, not a percent).
	const published = fromDecimal(shown);
	return settings.rankBy === 'score' ? published : div(published, fromInt(100));
}

/**
 * Scores, rates and ranks every subject, then applies the rules. Tie-breaker keys available to
 * `settings.rank.tieBreakers`: score, satisfaction, valid, returned (and 'subject').
 */
export function scoreCampaign(
	campaignId: string,
	subjects: readonly SubjectInput[],
	settings: ScoringSettings = defaultScoringSettings
): CampaignResults {
	const results = subjects.map(({ subject, tally }) => ({
		subject,
		returned: returnedCount(tally),
		valid: validCount(tally),
		score: scoreOf(tally, settings),
		satisfaction: satisfactionOf(tally, settings)
	}));
	const ranking = rankSubjects(
		results.map((result) => ({
			subject: result.subject,
			value: rankValue(result, settings),
			keys: {
				score: result.score?.value ?? null,
				satisfaction: result.satisfaction?.value ?? null,
				valid: result.valid,
				returned: result.returned
			}
		})),
		settings.rank
	);
	const choiceTallies = Object.fromEntries(
		subjects.flatMap(({ subject, tally }) => (tally.kind === 'choice' ? [[subject, tally]] : []))
	);
	const outcomes = evaluateRules(
		{
			campaignId,
			rankings: { main: ranking },
			tallies: { main: choiceTallies },
			rounding: settings.rateRounding
		},
		settings.rules
	);
	return { subjects: results, ranking, outcomes };
}

/**
 * From a campaign's stored settings and questions to the scoring engine's inputs. Settings are free
 * JSON written by staff or templates, so every key is read defensively and falls back to the
 * engine's documented default (docs/SCORING.md, docs/RESULTS.md lists the keys).
 */
import { toAnswerScale, type BallotQuestion, type CampaignKind } from '$lib/domain/campaign-scale';
import {
	defaultMinBallots,
	defaultRounding,
	rulesFromTemplate,
	type ChoiceScale,
	type ConsequenceRule,
	type DenominatorKind,
	type NumericScale,
	type RankOptions,
	type Rounding
} from '$lib/domain/scoring';

export interface ResultSettings {
	minBallots: number;
	rateDenominator: DenominatorKind;
	scoreDenominator: DenominatorKind;
	scoreRounding: Rounding;
	rateRounding: Rounding;
	rankOn: 'exact' | 'displayed';
	rank: RankOptions;
	/** Whether rater tiers are weighted (false: 一报告两评议 tabulates each ballot type alone). */
	tierWeighting: boolean;
	/** Raters expected (应参评人数), needed only by the 'expected' denominator. */
	expectedRaters: number | null;
	/** Options a rate counts, e.g. 满意 + 基本满意; default: the scale's own positive set. */
	rateOptions: string[] | null;
}

type Settings = Record<string, unknown>;

function denominatorOf(value: unknown, fallback: DenominatorKind): DenominatorKind {
	// Templates say 'submitted' for ballots handed in, which the engine calls 'returned'.
	if (value === 'submitted') return 'returned';
	return value === 'expected' || value === 'returned' || value === 'valid' ? value : fallback;
}

function wholeNumber(value: unknown, min: number, max: number): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
		? value
		: null;
}

function roundingOf(settings: Settings, precisionKey: string): Rounding {
	const precision = wholeNumber(settings[precisionKey], 0, 6) ?? defaultRounding.precision;
	const mode = settings.rounding === 'truncate' ? 'truncate' : defaultRounding.mode;
	return { precision, mode };
}

export function readResultSettings(settings: Settings): ResultSettings {
	const denominator = denominatorOf(settings.denominator, 'valid');
	const rateOptions = Array.isArray(settings.satisfiedRate)
		? settings.satisfiedRate.filter((key): key is string => typeof key === 'string')
		: null;
	return {
		minBallots: wholeNumber(settings.minBallots, 0, 1000) ?? defaultMinBallots,
		rateDenominator: denominator,
		scoreDenominator: denominatorOf(settings.scoreDenominator, denominator),
		scoreRounding: roundingOf(settings, 'precision'),
		rateRounding: roundingOf(settings, 'ratePrecision'),
		rankOn: settings.rankOn === 'exact' ? 'exact' : 'displayed',
		rank: { method: settings.rankMethod === 'dense' ? 'dense' : 'competition' },
		tierWeighting: settings.tierWeighting !== false,
		expectedRaters: wholeNumber(settings.expectedRaters, 1, 10_000_000),
		rateOptions: rateOptions && rateOptions.length > 0 ? rateOptions : null
	};
}

/** The engine names 一报告两评议 differently from the campaign schema. */
export function rulesFor(kind: CampaignKind): ConsequenceRule[] {
	return rulesFromTemplate(kind === 'appointment_appraisal' ? 'one_report_two_appraisals' : kind);
}

/** Named option sets the rates and rules refer to, wherever the scale has all of their options. */
const knownSets: Record<string, string[]> = {
	satisfied: ['very_satisfied', 'satisfied', 'basically_satisfied'],
	dissatisfied: ['not_very_satisfied', 'dissatisfied'],
	positive: ['good', 'fairly_good'],
	negative: ['poor'],
	excellent: ['excellent'],
	competentOrAbove: ['excellent', 'competent'],
	incompetent: ['incompetent'],
	belowCompetent: ['basically_competent', 'incompetent'],
	endorsed: ['approve', 'basically_approve'],
	notEndorsed: ['disapprove']
};

/** The set a question's headline rate counts: satisfied, positive, 称职以上 or endorsed. */
export const rateSetOrder = ['satisfied', 'positive', 'competentOrAbove', 'endorsed'] as const;

export function toEngineScale(question: BallotQuestion): ChoiceScale | NumericScale | null {
	const scale = toAnswerScale(question);
	if (!scale || scale.kind === 'numeric') return scale;
	const keys = new Set(scale.options.map((option) => option.key));
	const sets: Record<string, string[]> = {};
	for (const [name, members] of Object.entries(knownSets)) {
		const present = members.filter((key) => keys.has(key));
		// 很满意 is optional in the satisfied set (four-option scales have no 很满意).
		if (present.length > 0 && present.length >= members.length - (name === 'satisfied' ? 1 : 0))
			sets[name] = present;
	}
	return { ...scale, sets };
}

/** The option keys a question's rate counts, or null when its scale has no positive set. */
export function rateOptionsOf(scale: ChoiceScale, settings: ResultSettings): string[] | null {
	const configured = settings.rateOptions?.filter((key) =>
		scale.options.some((option) => option.key === key)
	);
	if (configured && configured.length > 0) return configured;
	const name = rateSetOrder.find((set) => scale.sets[set]);
	return name ? [...scale.sets[name]] : null;
}

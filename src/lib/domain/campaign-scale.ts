import { fromDecimal, fromInt } from './scoring/rational';
import type { AnswerScale, Label } from './scoring/scale';

/**
 * How a campaign's questions are configured: answer scales, option labels and values are data
 * (stored as JSON on each question), not code. Client-safe: the ballot form reuses these types.
 *
 * The scoring engine's scales (scoring/scale.ts) hold exact rationals (bigint), which JSON cannot
 * store; questions keep plain numbers and `toAnswerScale` turns them into the engine's type.
 */

export type CampaignKind =
	| 'unit_evaluation'
	| 'top_bottom_ten'
	| 'appointment_appraisal'
	| 'democratic_assessment'
	| 'satisfaction_survey';

export const campaignKinds: readonly CampaignKind[] = [
	'unit_evaluation',
	'top_bottom_ten',
	'appointment_appraisal',
	'democratic_assessment',
	'satisfaction_survey'
];

export type CampaignState = 'draft' | 'open' | 'closed' | 'published' | 'archived';

/** What a ballot is about: one unit, window, cadre or team, or the campaign as a whole. */
export type SubjectKind = 'unit' | 'window' | 'cadre' | 'team' | 'overall';
export const subjectKinds: readonly SubjectKind[] = ['unit', 'window', 'cadre', 'team', 'overall'];

/**
 * choice: one option of a scale; score: a whole number in a range; checklist: any options of a
 * list; text: free text; pick: up to N of the campaign's subjects (top ten / bottom ten).
 */
export type QuestionKind = 'choice' | 'score' | 'checklist' | 'text' | 'pick';

export type { Label };

export interface ScaleOption {
	key: string;
	label: Label;
	/** Points for scoring; null for options that carry no value (a problem in a checklist). */
	value: number | null;
	/** Left out of rates and scores, like 不了解. */
	excluded: boolean;
}

export interface ChoiceScale {
	type: 'choice';
	options: ScaleOption[];
}

export interface ScoreScale {
	type: 'score';
	min: number;
	max: number;
}

export interface ChecklistScale {
	type: 'checklist';
	options: ScaleOption[];
	/** An option that means "none of these" and cannot be ticked together with another. */
	noneKey?: string;
}

export interface TextScale {
	type: 'text';
	maxLength: number;
}

export interface PickScale {
	type: 'pick';
	max: number;
	/** Candidates are the campaign's subjects of these kinds. */
	candidateKinds: SubjectKind[];
	/** Another pick question on the same ballot whose picks may not repeat this one's. */
	disjointFrom?: string;
}

export type QuestionScale = ChoiceScale | ScoreScale | ChecklistScale | TextScale | PickScale;

/** A question as the ballot sees it once the campaign is open (frozen). */
export interface BallotQuestion {
	id: number;
	key: string;
	kind: QuestionKind;
	prompt: Label;
	scale: QuestionScale;
	required: boolean;
	/** Option keys whose choice needs a written reason (不认同). */
	reasonRequiredFor: string[];
	/** Subject kinds the question is asked about. */
	appliesTo: SubjectKind[];
	/** 德 / 能 / 勤 / 绩 / 廉 or another dimension the results group by. */
	dimension: string | null;
}

export interface BallotSubject {
	id: number;
	kind: SubjectKind;
	label: string;
	detail: string | null;
}

/** Options of a choice or checklist scale; empty for other scales. */
export function optionsOf(scale: QuestionScale): ScaleOption[] {
	return scale.type === 'choice' || scale.type === 'checklist' ? scale.options : [];
}

/** The scoring engine's view of a question's scale; null for checklists, picks and free text. */
export function toAnswerScale(question: BallotQuestion): AnswerScale | null {
	const { scale } = question;
	if (scale.type === 'score')
		return {
			kind: 'numeric',
			id: question.key,
			label: question.prompt,
			min: fromInt(scale.min),
			max: fromInt(scale.max)
		};
	if (scale.type !== 'choice') return null;
	return {
		kind: 'choice',
		id: question.key,
		label: question.prompt,
		options: scale.options.map((o) => ({
			...o,
			value: o.value === null ? null : fromDecimal(o.value)
		})),
		sets: {}
	};
}

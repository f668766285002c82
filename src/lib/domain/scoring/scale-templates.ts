/**
 * Built-in answer-scale templates: starting points that staff may edit before a campaign opens.
 */
import { fromDecimal, fromInt } from './rational';
import type { ChoiceScale, NumericScale, ScaleOption } from './scale';

function option(key: string, zh: string, en: string, value: number | null): ScaleOption {
	return {
		key,
		label: { zh, en },
		value: value === null ? null : fromDecimal(value),
		excluded: false
	};
}

function excludedOption(key: string, zh: string, en: string): ScaleOption {
	return { key, label: { zh, en }, value: null, excluded: true };
}

const unknown = () => excludedOption('unknown', '不了解', "Don't know");

/** 2008 national survey (赋值加权计算法): 100/80/60/30/0, 不了解 dropped. */
export function nationalSurveyScale(): ChoiceScale {
	return {
		kind: 'choice',
		id: 'national_survey',
		label: { zh: '组织工作满意度（五级）', en: 'Organization-work satisfaction (five levels)' },
		options: [
			option('very_satisfied', '很满意', 'Very satisfied', 100),
			option('satisfied', '满意', 'Satisfied', 80),
			option('basically_satisfied', '基本满意', 'Basically satisfied', 60),
			option('not_very_satisfied', '不太满意', 'Not very satisfied', 30),
			option('dissatisfied', '不满意', 'Dissatisfied', 0),
			unknown()
		],
		sets: {
			satisfied: ['very_satisfied', 'satisfied', 'basically_satisfied'],
			dissatisfied: ['not_very_satisfied', 'dissatisfied']
		},
		provenance: { kind: 'stated', note: 'NBS 2008 survey for the Organization Department (CCTV)' }
	};
}

/**
 * 满意/基本满意/不满意/不了解. Sources give different points (100/70/30, 100/75/55), so the template
 * has none unless the campaign sets them: rates work without values.
 */
export function satisfactionScale(
	values: { satisfied: number; basicallySatisfied: number; dissatisfied: number } | null = null
): ChoiceScale {
	return {
		kind: 'choice',
		id: 'satisfaction',
		label: { zh: '满意度（三级）', en: 'Satisfaction (three levels)' },
		options: [
			option('satisfied', '满意', 'Satisfied', values?.satisfied ?? null),
			option(
				'basically_satisfied',
				'基本满意',
				'Basically satisfied',
				values?.basicallySatisfied ?? null
			),
			option('dissatisfied', '不满意', 'Dissatisfied', values?.dissatisfied ?? null),
			unknown()
		],
		sets: { satisfied: ['satisfied', 'basically_satisfied'], dissatisfied: ['dissatisfied'] }
	};
}

/** 好/较好/一般/差/不了解 with 100/80/60/0 — an inference: no source gives official points. */
export function goodPoorScale(): ChoiceScale {
	return {
		kind: 'choice',
		id: 'good_poor',
		label: { zh: '好/较好/一般/差', en: 'Good / fairly good / average / poor' },
		options: [
			option('good', '好', 'Good', 100),
			option('fairly_good', '较好', 'Fairly good', 80),
			option('average', '一般', 'Average', 60),
			option('poor', '差', 'Poor', 0),
			unknown()
		],
		sets: { positive: ['good', 'fairly_good'], negative: ['poor'] },
		provenance: {
			kind: 'inference',
			note: 'DOMAIN-RULES §1: official points for 好/较好/一般/差 not found; 100/80/60/0 by analogy'
		}
	};
}

export interface CompetenceValues {
	excellent: number;
	competent: number;
	basicallyCompetent: number;
	incompetent: number;
}

/** The coefficients of one public implementation (1 / 0.8 / 0.6 / 0.3, times 100). */
export const defaultCompetenceValues: CompetenceValues = {
	excellent: 100,
	competent: 80,
	basicallyCompetent: 60,
	incompetent: 30
};

/** 优秀/称职/基本称职/不称职 (民主测评), optionally with 弃权 for blank ballots. */
export function competenceScale(
	values: CompetenceValues = defaultCompetenceValues,
	withAbstain = false
): ChoiceScale {
	const options = [
		option('excellent', '优秀', 'Excellent', values.excellent),
		option('competent', '称职', 'Competent', values.competent),
		option('basically_competent', '基本称职', 'Basically competent', values.basicallyCompetent),
		option('incompetent', '不称职', 'Incompetent', values.incompetent)
	];
	if (withAbstain) options.push(excludedOption('abstain', '弃权', 'Abstain'));
	return {
		kind: 'choice',
		id: 'competence',
		label: { zh: '优秀/称职/基本称职/不称职', en: 'Excellent / competent / basic / incompetent' },
		options,
		sets: {
			excellent: ['excellent'],
			competentOrAbove: ['excellent', 'competent'],
			incompetent: ['incompetent'],
			belowCompetent: ['basically_competent', 'incompetent']
		},
		provenance: {
			kind: 'stated',
			note: 'Values configurable; 1/0.8/0.6/0.3 from a public implementation'
		}
	};
}

/** 认同/基本认同/不认同/不了解 (一报告两评议 form B); 不认同 needs a reason on the form. */
export function endorsementScale(): ChoiceScale {
	return {
		kind: 'choice',
		id: 'endorsement',
		label: { zh: '认同/基本认同/不认同', en: 'Endorse / basically endorse / do not endorse' },
		options: [
			option('endorse', '认同', 'Endorse', null),
			option('basically_endorse', '基本认同', 'Basically endorse', null),
			option('not_endorse', '不认同', 'Do not endorse', null),
			unknown()
		],
		sets: { endorsed: ['endorse', 'basically_endorse'], notEndorsed: ['not_endorse'] }
	};
}

/** A 0–100 score, as typed by raters or keypads. */
export function numericScoreScale(min = 0, max = 100): NumericScale {
	return {
		kind: 'numeric',
		id: 'score_0_100',
		label: { zh: `${min}–${max} 分`, en: `Score ${min}–${max}` },
		min: fromInt(min),
		max: fromInt(max)
	};
}

export const scaleTemplates = {
	national_survey: nationalSurveyScale,
	satisfaction: satisfactionScale,
	good_poor: goodPoorScale,
	competence: competenceScale,
	endorsement: endorsementScale,
	score_0_100: numericScoreScale
} as const;

/**
 * Consequence-rule templates for the five campaign kinds. A campaign copies its template and staff
 * may edit every figure before it opens; provenance says which figures a source states.
 */
import { rational, ZERO } from './rational';
import type { ConsequenceRule, Consequence } from './rules';
import type { Label } from './scale';

export const campaignKinds = [
	'unit_evaluation',
	'top_bottom_ten',
	'one_report_two_appraisals',
	'democratic_assessment',
	'satisfaction_survey'
] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export const consequenceLabels: Readonly<Record<Consequence, Label>> = {
	not_eligible_excellent: { zh: '取消当年评优资格', en: 'Not eligible for excellent this year' },
	head_adjustment_proposed: { zh: '建议调整单位负责人', en: "Head's adjustment proposed" },
	key_supervision: { zh: '列为重点督查对象', en: 'Key supervision' },
	rectification: { zh: '限期整改', en: 'Rectification with a deadline' },
	merit_award: { zh: '记功', en: 'Merit award' },
	citywide_warning: { zh: '全市通报警示', en: 'City-wide warning notice' },
	admonishment: { zh: '诫勉', en: 'Admonishment' },
	yellow_card: { zh: '亮黄牌', en: 'Yellow card' },
	admonishing_talk_or_adjustment: {
		zh: '诫勉谈话或组织调整',
		en: 'Admonishing talk or adjustment'
	},
	removal_considered: { zh: '免职等组织处理', en: 'Removal from post considered' },
	no_promotion_this_year: { zh: '当年不得提拔', en: 'No promotion this year' }
};

const ONE_THIRD = rational(1, 3);
const TWO_THIRDS = rational(2, 3);

/** Default days for 限期整改; no source gives a number, so this is a setting (assumption: 90). */
export const defaultRectificationDays = 90;

export const ruleTemplates: Readonly<Record<CampaignKind, readonly ConsequenceRule[]>> = {
	// Jining: last-ranked unit loses 评优 and its head is adjusted; bottom 3 → key supervision.
	unit_evaluation: [
		{
			id: 'last_place',
			kind: 'last-place',
			consequences: ['not_eligible_excellent', 'head_adjustment_proposed'],
			provenance: { kind: 'stated', note: 'Jining (DOMAIN.md)' }
		},
		{
			id: 'bottom_three',
			kind: 'bottom',
			n: 3,
			consequences: ['key_supervision', 'rectification'],
			rectificationDays: defaultRectificationDays,
			provenance: { kind: 'stated', note: 'Jining; the deadline in days is an assumption' }
		}
	],
	// Jining 十佳十差: picks are counted separately, so each list has its own ranking.
	top_bottom_ten: [
		{
			id: 'top_ten',
			kind: 'top',
			n: 10,
			ranking: 'best',
			only: { comparison: 'over', value: ZERO },
			consequences: ['merit_award'],
			provenance: { kind: 'stated', note: 'Jining (DOMAIN.md)' }
		},
		{
			id: 'bottom_ten',
			kind: 'bottom',
			n: 10,
			ranking: 'worst',
			only: { comparison: 'over', value: ZERO },
			consequences: ['citywide_warning'],
			provenance: { kind: 'stated', note: 'Jining (DOMAIN.md)' }
		}
	],
	// Sichuan: "明显偏低" satisfaction calls for correction, but no source gives a number, so the
	// template ships without an automatic rule; staff add a threshold if their rules state one.
	one_report_two_appraisals: [],
	democratic_assessment: [
		{
			id: 'yellow_card',
			kind: 'threshold',
			operand: 'incompetent',
			fraction: ONE_THIRD,
			comparison: 'at-least',
			denominator: 'valid',
			consequences: ['yellow_card', 'admonishment'],
			provenance: {
				kind: 'stated',
				note: 'Dawukou: dissatisfaction reaches 1/3 (DOMAIN.md); reading it as 不称职 is our inference'
			}
		},
		{
			id: 'incompetent_over_third',
			kind: 'threshold',
			operand: 'incompetent',
			fraction: ONE_THIRD,
			comparison: 'over',
			denominator: 'valid',
			consequences: ['removal_considered'],
			provenance: { kind: 'stated', note: 'County plan: 不称职 超过 1/3 (DOMAIN-RULES §2)' }
		},
		{
			id: 'competent_below_two_thirds',
			kind: 'threshold',
			operand: 'competentOrAbove',
			fraction: TWO_THIRDS,
			comparison: 'below',
			denominator: 'valid',
			consequences: ['admonishing_talk_or_adjustment'],
			provenance: { kind: 'stated', note: 'County plan: 优秀+称职 达不到 2/3 (DOMAIN-RULES §2)' }
		}
	],
	// Zhejiang: the last-ranked unit's personnel leader loses 评优 and is not promoted that year.
	satisfaction_survey: [
		{
			id: 'last_place',
			kind: 'last-place',
			consequences: ['not_eligible_excellent', 'no_promotion_this_year'],
			provenance: { kind: 'stated', note: 'Zhejiang survey ranking (DOMAIN-RULES §1)' }
		}
	]
};

/** A fresh, editable copy of a kind's rules. */
export function rulesFromTemplate(kind: CampaignKind): ConsequenceRule[] {
	return ruleTemplates[kind].map((rule) => structuredClone(rule));
}

import { asc } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Indicator, NewIndicator } from '$lib/server/db/schema';

type Executor = Pick<Database, 'select' | 'insert'>;

/**
 * The indicators every installation has. Definitions follow the national organization-work
 * satisfaction survey (全国组织工作满意度民意调查) and the platform's own unit evaluations.
 */
export const builtInIndicators: NewIndicator[] = [
	{
		key: 'credibility',
		nameZh: '选人用人公信度',
		nameEn: 'Credibility of cadre selection',
		definitionZh: '全国组织工作满意度民意调查中的选人用人公信度得分（百分制）。',
		definitionEn:
			'Credibility of cadre selection and appointment, scored out of 100 in the national organization-work satisfaction survey.',
		unit: 'score',
		precision: 2
	},
	{
		key: 'org_work_satisfaction',
		nameZh: '组织工作满意度',
		nameEn: 'Satisfaction with organization work',
		definitionZh: '群众对组织工作总体评价为“满意”和“基本满意”的比例。',
		definitionEn:
			'Share of respondents rating organization work overall as satisfied or basically satisfied.',
		unit: 'percent',
		precision: 2
	},
	{
		key: 'malpractice_rectification_satisfaction',
		nameZh: '整治用人上不正之风满意度',
		nameEn: 'Satisfaction with rectifying malpractice in appointments',
		definitionZh: '对整治选人用人上不正之风工作表示满意的比例。',
		definitionEn:
			'Share of raters satisfied with the rectification of malpractice in cadre selection and appointment.',
		unit: 'percent',
		precision: 2
	},
	{
		key: 'selection_work_satisfaction',
		nameZh: '干部选拔任用工作满意度',
		nameEn: 'Satisfaction with cadre selection and appointment work',
		definitionZh: '“一报告两评议”中对干部选拔任用工作表示满意的比例。',
		definitionEn:
			"Share of committee members satisfied with the year's cadre selection and appointment work ('one report, two appraisals').",
		unit: 'percent',
		precision: 2
	},
	{
		key: 'unit_evaluation_score',
		nameZh: '单位评议得分',
		nameEn: 'Unit evaluation score',
		definitionZh: '群众性评议活动中单位的加权综合得分（百分制），由已发布的评议活动计算。',
		definitionEn:
			'Weighted overall score of a unit in a public evaluation session, out of 100, computed from published campaigns.',
		unit: 'score',
		precision: 2
	},
	{
		key: 'satisfaction_survey_score',
		nameZh: '组织工作满意度调查综合得分',
		nameEn: 'Organization-work satisfaction survey score',
		definitionZh:
			'组织工作满意度调查中一个区县四项评价（赋值加权：很满意100、满意80、基本满意60、不太满意30、不满意0，不了解不计）的平均分（百分制），由已发布的调查计算。',
		definitionEn:
			"Mean of a district's four satisfaction-survey item scores (weighted 100/80/60/30/0, 'don't know' dropped), out of 100, computed from published surveys.",
		unit: 'score',
		precision: 2
	}
].map((indicator) => ({ ...indicator, higherIsBetter: true, builtIn: true }) as NewIndicator);

const ensured = new WeakSet<object>();

/**
 * Inserts any missing built-in indicator. Idempotent and remembered per database handle, so pages
 * can call it freely; kept out of the migration because reference data there would be lost when
 * migrations are squashed.
 */
export async function ensureBuiltInIndicators(db: Executor): Promise<void> {
	if (ensured.has(db)) return;
	await db.insert(table.indicator).values(builtInIndicators).onConflictDoNothing();
	ensured.add(db);
}

export async function listIndicators(db: Executor): Promise<Indicator[]> {
	await ensureBuiltInIndicators(db);
	return db.select().from(table.indicator).orderBy(asc(table.indicator.id));
}

/** Every name a spreadsheet may use for an indicator (key, Chinese, English), lower-cased. */
export function indicatorNameMap(indicators: Indicator[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const indicator of indicators) {
		for (const name of [indicator.key, indicator.nameZh, indicator.nameEn]) {
			names.set(name.trim().toLowerCase(), indicator.key);
		}
	}
	return names;
}

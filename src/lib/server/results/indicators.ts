/**
 * Publication feeds the trend dashboards, in the year (Beijing time) the campaign closed:
 * - a unit evaluation's published scores become 'unit_evaluation_score' values, one per evaluated
 *   unit or window, with the rank the campaign gave;
 * - a satisfaction survey (one campaign per district) gives its district three values: the
 *   headline score ('satisfaction_survey_score'), and the satisfied share of the two template
 *   questions that have a national indicator ('org_work' → 'org_work_satisfaction', 'malpractice'
 *   → 'malpractice_rectification_satisfaction'), ranked among the districts of the same parent.
 * Other kinds publish figures whose mapping to an indicator depends on the questionnaire, so they
 * are left to staff (docs/TRENDS.md).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { yearInChina } from '$lib/domain/china-time';
import { fromInt, mul, toDecimalString } from '$lib/domain/scoring';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { recordComputedIndicator } from '$lib/server/trends/record';
import type { ResultsSnapshot } from './snapshot';

type Executor = Pick<Database, 'select' | 'insert' | 'execute' | 'update' | 'delete'>;

/** Returns how many values were recorded. */
export async function recordPublishedIndicators(
	tx: Executor,
	campaign: { id: number; closesAt: Date | null; regionId: number | null },
	snapshot: ResultsSnapshot,
	publishedAt: Date = new Date()
): Promise<number> {
	if (snapshot.campaign.kind === 'satisfaction_survey')
		return recordSurveyIndicators(tx, campaign, snapshot, publishedAt);
	if (snapshot.campaign.kind !== 'unit_evaluation' || snapshot.basis !== 'score') return 0;
	const units = await tx
		.select({ id: table.campaignSubject.id, unitId: table.campaignSubject.unitId })
		.from(table.campaignSubject)
		.where(
			and(
				eq(table.campaignSubject.campaignId, campaign.id),
				isNotNull(table.campaignSubject.unitId)
			)
		);
	const unitOf = new Map(units.map((s) => [s.id, s.unitId as number]));
	const ranked = (snapshot.rankings.main ?? []).filter(
		(s) => !s.suppressed && s.value !== null && unitOf.has(s.subjectId)
	);
	const year = yearInChina(campaign.closesAt ?? publishedAt);
	for (const standing of ranked) {
		await recordComputedIndicator(tx, {
			indicatorKey: 'unit_evaluation_score',
			unitId: unitOf.get(standing.subjectId) as number,
			period: String(year),
			year,
			value: toDecimalString(standing.value!, 4),
			rank: standing.rank,
			peers: ranked.length,
			campaignId: campaign.id
		});
	}
	return ranked.length;
}

/** Survey questions (template keys) whose satisfied share is a national indicator. */
export const surveyRateIndicators: Readonly<Record<string, string>> = {
	org_work: 'org_work_satisfaction',
	malpractice: 'malpractice_rectification_satisfaction'
};

async function recordSurveyIndicators(
	tx: Executor,
	campaign: { id: number; closesAt: Date | null; regionId: number | null },
	snapshot: ResultsSnapshot,
	publishedAt: Date
): Promise<number> {
	if (campaign.regionId === null) return 0;
	const year = yearInChina(campaign.closesAt ?? publishedAt);
	const common = {
		regionId: campaign.regionId,
		period: String(year),
		year,
		campaignId: campaign.id
	};
	const overall = snapshot.subjects.find((s) => s.kind === 'overall');
	if (!overall) return 0;
	let recorded = 0;
	const headline = (snapshot.rankings.main ?? []).find((s) => s.subjectId === overall.id);
	if (headline && !headline.suppressed && headline.value !== null) {
		await recordComputedIndicator(tx, {
			...common,
			indicatorKey: 'satisfaction_survey_score',
			value: toDecimalString(headline.value, 4)
		});
		recorded++;
	}
	for (const item of snapshot.items) {
		const indicatorKey = surveyRateIndicators[item.question];
		if (!indicatorKey || item.subject !== overall.id || item.suppressed) continue;
		const rate = item.pooled.rate?.value;
		if (rate === null || rate === undefined) continue;
		await recordComputedIndicator(tx, {
			...common,
			indicatorKey,
			// Percent indicators store 98.49 for 98.49 %.
			value: toDecimalString(mul(rate, fromInt(100)), 4)
		});
		recorded++;
	}
	return recorded;
}

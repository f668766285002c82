/**
 * Publication feeds the trend dashboards. A unit evaluation's published scores become computed
 * values of the 'unit_evaluation_score' indicator, one per evaluated unit or window, in the year the
 * campaign closed, with the rank the campaign gave. Other kinds publish figures whose mapping to an
 * indicator depends on the questionnaire, so they are left to staff (docs/TRENDS.md).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { toDecimalString } from '$lib/domain/scoring';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { recordComputedIndicator } from '$lib/server/trends/record';
import type { ResultsSnapshot } from './snapshot';

type Executor = Pick<Database, 'select' | 'insert' | 'execute' | 'update' | 'delete'>;

/** Returns how many values were recorded. */
export async function recordPublishedIndicators(
	tx: Executor,
	campaign: { id: number; closesAt: Date | null },
	snapshot: ResultsSnapshot,
	publishedAt: Date = new Date()
): Promise<number> {
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
	const year = (campaign.closesAt ?? publishedAt).getUTCFullYear();
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

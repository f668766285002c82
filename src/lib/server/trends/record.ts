/**
 * Computed values: a published campaign writes its figures into the rollup here, one row per
 * region (or unit), indicator and period. Incremental by construction: an upsert of the rows the
 * campaign produced and a re-rank of the one peer group they belong to, never a scan of ballots.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { ensureBuiltInIndicators } from './indicators';

type Executor = Pick<Database, 'select' | 'insert' | 'execute'>;

export interface ComputedIndicatorInput {
	/** An indicator key, e.g. 'unit_evaluation_score' or 'selection_work_satisfaction'. */
	indicatorKey: string;
	/** Exactly one of regionId (a region's figure) or unitId (a unit's figure). */
	regionId?: number;
	unitId?: number;
	/** The campaign's period key ('2025', '2025-H1'); `year` places it on the year axis. */
	period: string;
	year: number;
	/** An exact decimal string, e.g. from toDecimalString(rational, 4). */
	value: string;
	/** Leave out to rank the value among its peers (same parent region, or same region for units). */
	rank?: number | null;
	peers?: number | null;
	campaignId: number;
}

/**
 * Upserts one computed value. Call it inside the publication transaction so that the figure and
 * the publication commit together; call once per subject the campaign published.
 */
export async function recordComputedIndicator(
	tx: Executor,
	input: ComputedIndicatorInput
): Promise<void> {
	if ((input.regionId === undefined) === (input.unitId === undefined)) {
		throw new TypeError('recordComputedIndicator needs exactly one of regionId or unitId');
	}
	await ensureBuiltInIndicators(tx);
	const [indicator] = await tx
		.select({ id: table.indicator.id })
		.from(table.indicator)
		.where(sql`${table.indicator.key} = ${input.indicatorKey}`);
	if (!indicator) throw new RangeError(`unknown indicator: ${input.indicatorKey}`);
	const common = {
		indicatorId: indicator.id,
		period: input.period,
		year: input.year,
		value: input.value,
		rank: input.rank ?? null,
		peers: input.peers ?? null,
		campaignId: input.campaignId,
		updatedAt: new Date()
	};
	const update = { ...common, updatedAt: sql`now()` };
	if (input.unitId !== undefined) {
		await tx
			.insert(table.unitIndicatorValue)
			.values({ ...common, unitId: input.unitId })
			.onConflictDoUpdate({
				target: [
					table.unitIndicatorValue.indicatorId,
					table.unitIndicatorValue.unitId,
					table.unitIndicatorValue.period
				],
				set: update
			});
		if (input.rank == null) await rankUnitPeers(tx, indicator.id, input.unitId, input.period);
		return;
	}
	await tx
		.insert(table.indicatorValue)
		.values({ ...common, regionId: input.regionId as number, source: 'computed' })
		.onConflictDoUpdate({
			target: [
				table.indicatorValue.indicatorId,
				table.indicatorValue.regionId,
				table.indicatorValue.period,
				table.indicatorValue.source
			],
			set: update
		});
	if (input.rank == null) {
		const parentId = sql`(select parent_id from region where id = ${input.regionId as number})`;
		await rankPeerGroup(tx, {
			indicatorId: indicator.id,
			parentId,
			period: input.period,
			source: 'computed'
		});
	}
}

function orderOf(indicatorId: number) {
	return sql`case when (select higher_is_better from indicator where id = ${indicatorId}) then -v.value else v.value end`;
}

/**
 * Competition ranks (1, 1, 3) within a peer group: the regions under one parent, for one
 * indicator, period and source. Ties share a rank, as the scoring rules do.
 */
export async function rankPeerGroup(
	tx: Pick<Database, 'execute'>,
	group: {
		indicatorId: number;
		parentId: number | null | ReturnType<typeof sql>;
		period: string;
		source: 'imported' | 'computed';
	}
): Promise<void> {
	await tx.execute(sql`
		update indicator_value t set rank = r.place, peers = r.total
		from (
			select v.id, rank() over (order by ${orderOf(group.indicatorId)}) as place,
				count(*) over () as total
			from indicator_value v join region g on g.id = v.region_id
			where v.indicator_id = ${group.indicatorId} and v.period = ${group.period}
				and v.source = ${group.source} and g.parent_id is not distinct from ${group.parentId}
		) r
		where t.id = r.id`);
}

/** Units are ranked among the units of the same region for the same period. */
async function rankUnitPeers(
	tx: Pick<Database, 'execute'>,
	indicatorId: number,
	unitId: number,
	period: string
): Promise<void> {
	await tx.execute(sql`
		update unit_indicator_value t set rank = r.place, peers = r.total
		from (
			select v.id, rank() over (order by ${orderOf(indicatorId)}) as place,
				count(*) over () as total
			from unit_indicator_value v join unit u on u.id = v.unit_id
			where v.indicator_id = ${indicatorId} and v.period = ${period}
				and u.region_id = (select region_id from unit where id = ${unitId})
		) r
		where t.id = r.id`);
}

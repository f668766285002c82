import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { recusedSubjects, type RecusalSubject } from '$lib/domain/recusal';
import * as table from '$lib/server/db/schema';
import { matchTeamUnit, unitsUnder } from '$lib/server/results/annual-ratings';
import type { Executor } from './definition';

/**
 * Records on each electorate row the subjects its member is recused from (回避): a member linked
 * to a juror record does not rate their employer or a unit they declared a conflict with
 * (domain/recusal.ts). Run once, when the campaign opens (subjects and list are frozen then), so
 * a ballot reads the set with the member's list entry and costs no query of its own.
 */
export async function recordRecusals(tx: Executor, campaign: table.Campaign): Promise<void> {
	const members = await tx
		.select({
			userId: table.electorate.userId,
			jurorId: table.juror.id,
			employer: table.juror.employerUnitId
		})
		.from(table.electorate)
		.innerJoin(table.juror, eq(table.juror.userId, table.electorate.userId))
		.where(and(eq(table.electorate.campaignId, campaign.id), isNotNull(table.juror.userId)));
	if (members.length === 0) return;
	const relations = await tx
		.select({ jurorId: table.jurorRelation.jurorId, unitId: table.jurorRelation.unitId })
		.from(table.jurorRelation)
		.where(
			inArray(
				table.jurorRelation.jurorId,
				members.map((m) => m.jurorId)
			)
		);
	// A user may hold more than one juror record (jury and supervisors): their units are pooled.
	const unitsOf = new Map<number, Set<number>>();
	const add = (userId: number, unitId: number | null) => {
		if (unitId === null) return;
		const units = unitsOf.get(userId) ?? new Set<number>();
		unitsOf.set(userId, units.add(unitId));
	};
	const userOfJuror = new Map(members.map((m) => [m.jurorId, m.userId]));
	for (const m of members) add(m.userId, m.employer);
	for (const r of relations) add(userOfJuror.get(r.jurorId) as number, r.unitId);
	if (unitsOf.size === 0) return;

	const subjects = await subjectUnits(tx, campaign);
	const parentOf = await parentsOf(tx, [
		...subjects.flatMap((s) => (s.unitId === null ? [] : [s.unitId])),
		...[...unitsOf.values()].flatMap((units) => [...units])
	]);
	for (const [userId, units] of unitsOf) {
		const recused = recusedSubjects(
			{ employerUnitId: null, relatedUnitIds: [...units] },
			subjects,
			parentOf
		);
		if (recused.length === 0) continue;
		await tx
			.update(table.electorate)
			.set({ recusedSubjectIds: recused })
			.where(
				and(eq(table.electorate.campaignId, campaign.id), eq(table.electorate.userId, userId))
			);
	}
}

/** Each subject with the unit it concerns: its own, a cadre's, or the unit a team label names. */
async function subjectUnits(tx: Executor, campaign: table.Campaign): Promise<RecusalSubject[]> {
	const rows = await tx
		.select({
			id: table.campaignSubject.id,
			kind: table.campaignSubject.kind,
			unitId: table.campaignSubject.unitId,
			label: table.campaignSubject.label,
			cadreUnitId: table.cadre.unitId
		})
		.from(table.campaignSubject)
		.leftJoin(table.cadre, eq(table.cadre.id, table.campaignSubject.cadreId))
		.where(eq(table.campaignSubject.campaignId, campaign.id));
	// Team subjects are typed labels (某局领导班子); the same match the annual ratings use.
	const units = rows.some((r) => r.kind === 'team') ? await unitsUnder(tx, campaign.regionId) : [];
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		unitId:
			r.kind === 'team'
				? matchTeamUnit(r.label, units)
				: r.kind === 'cadre'
					? r.cadreUnitId
					: r.unitId
	}));
}

async function parentsOf(tx: Executor, unitIds: number[]): Promise<Map<number, number | null>> {
	const ids = [...new Set(unitIds)];
	if (ids.length === 0) return new Map();
	const rows = await tx
		.select({ id: table.unit.id, parent: table.unit.parentUnitId })
		.from(table.unit)
		.where(inArray(table.unit.id, ids));
	return new Map(rows.map((r) => [r.id, r.parent]));
}

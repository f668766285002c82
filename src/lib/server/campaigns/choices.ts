import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PickerCadre, PickerRegion, PickerUnit } from '$lib/domain/subject-picker';
import * as table from '$lib/server/db/schema';
import { withinScope, type Scope } from '$lib/server/reference/scope';
import type { Executor } from './definition';

/** What the new-campaign form checks subjects against: regions, units, cadres, revealed draws. */
export interface SubjectChoices {
	regions: { id: number; name: string }[];
	units: { id: number; name: string; kind: table.Unit['kind'] }[];
	/** With their unit: positions repeat across units ("办公室主任"), so a position alone is ambiguous. */
	cadres: { id: number; name: string; unit: string; position: string; midLevel: boolean }[];
	draws: { id: number; unitName: string; size: number }[];
}

/** The same, with what the pickers filter by (region tree, codes, units). */
export interface PickerChoices extends SubjectChoices {
	regions: (PickerRegion & { name: string })[];
	units: PickerUnit[];
	cadres: PickerCadre[];
	/** A list reached `limit`: the page says that some records are not offered. */
	truncated: boolean;
}

/**
 * The pickers filter in the browser, so every active record in the organizer's regions is loaded
 * (a province's few thousand cadres is a few hundred KB of page data). Past this the page says
 * the list is cut, rather than hiding records silently.
 */
export const choiceLimit = 5000;

/**
 * Regions, units, windows and cadres in the organizer's scope (null: everything), and the
 * revealed panel draws. A record outside the scope is neither offered nor accepted.
 */
export async function getSubjectChoices(db: Executor, scope: Scope = null): Promise<PickerChoices> {
	const parentUnit = alias(table.unit, 'parent_unit');
	const [regions, units, cadres, draws] = await Promise.all([
		db
			.select({ id: table.region.id, name: table.region.name, parentId: table.region.parentId })
			.from(table.region)
			.where(and(isNull(table.region.archivedAt), withinScope(table.region.id, scope)))
			.orderBy(asc(table.region.code))
			.limit(choiceLimit + 1),
		db
			.select({
				id: table.unit.id,
				name: table.unit.name,
				code: table.unit.code,
				kind: table.unit.kind,
				regionId: table.unit.regionId,
				parentName: parentUnit.name
			})
			.from(table.unit)
			.leftJoin(parentUnit, eq(parentUnit.id, table.unit.parentUnitId))
			.where(and(isNull(table.unit.archivedAt), withinScope(table.unit.regionId, scope)))
			.orderBy(asc(table.unit.code))
			.limit(choiceLimit + 1),
		db
			.select({
				id: table.cadre.id,
				name: table.cadre.name,
				code: table.cadre.code,
				unitId: table.cadre.unitId,
				unit: table.unit.name,
				position: table.cadre.position,
				midLevel: table.cadre.midLevel,
				regionId: table.unit.regionId
			})
			.from(table.cadre)
			.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
			.where(and(isNull(table.cadre.archivedAt), withinScope(table.unit.regionId, scope)))
			.orderBy(desc(table.cadre.midLevel), asc(table.cadre.code))
			.limit(choiceLimit + 1),
		db
			.select({ id: table.draw.id, unitName: table.unit.name, size: table.draw.size })
			.from(table.draw)
			.innerJoin(table.unit, eq(table.unit.id, table.draw.unitId))
			.where(eq(table.draw.status, 'revealed'))
			.orderBy(desc(table.draw.id))
			.limit(100)
	]);
	const truncated = [regions, units, cadres].some((rows) => rows.length > choiceLimit);
	return {
		regions: regions.slice(0, choiceLimit),
		units: units.slice(0, choiceLimit),
		cadres: cadres.slice(0, choiceLimit),
		draws,
		truncated
	};
}

/**
 * People who can be put on a named list: accounts of the juror kind, which is also how committee
 * members vote online (they sign in with an invitation code, like jurors).
 */
export async function listVoterCandidates(db: Executor): Promise<{ id: number; name: string }[]> {
	return db
		.select({ id: table.appUser.id, name: table.appUser.displayName })
		.from(table.appUser)
		.where(and(eq(table.appUser.kind, 'juror'), isNull(table.appUser.disabledAt)))
		.orderBy(asc(table.appUser.displayName))
		.limit(1000);
}

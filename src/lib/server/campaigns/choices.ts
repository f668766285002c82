import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

/** What the new-campaign form offers: regions, units, cadres and revealed panel draws. */
export interface SubjectChoices {
	regions: { id: number; name: string }[];
	units: { id: number; name: string; kind: table.Unit['kind'] }[];
	/** With their unit: positions repeat across units ("办公室主任"), so a position alone is ambiguous. */
	cadres: { id: number; name: string; unit: string; position: string; midLevel: boolean }[];
	draws: { id: number; unitName: string; size: number }[];
}

/** Enough for a city; the form lists them all, so it stops at a size a page can show. */
const limit = 1000;

export async function getSubjectChoices(db: Executor): Promise<SubjectChoices> {
	const [regions, units, cadres, draws] = await Promise.all([
		db
			.select({ id: table.region.id, name: table.region.name })
			.from(table.region)
			.where(isNull(table.region.archivedAt))
			.orderBy(asc(table.region.code))
			.limit(limit),
		db
			.select({ id: table.unit.id, name: table.unit.name, kind: table.unit.kind })
			.from(table.unit)
			.where(isNull(table.unit.archivedAt))
			.orderBy(asc(table.unit.code))
			.limit(limit),
		db
			.select({
				id: table.cadre.id,
				name: table.cadre.name,
				unit: table.unit.name,
				position: table.cadre.position,
				midLevel: table.cadre.midLevel
			})
			.from(table.cadre)
			.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
			.where(isNull(table.cadre.archivedAt))
			.orderBy(desc(table.cadre.midLevel), asc(table.cadre.code))
			.limit(limit),
		db
			.select({ id: table.draw.id, unitName: table.unit.name, size: table.draw.size })
			.from(table.draw)
			.innerJoin(table.unit, eq(table.unit.id, table.draw.unitId))
			.where(eq(table.draw.status, 'revealed'))
			.orderBy(desc(table.draw.id))
			.limit(100)
	]);
	return { regions, units, cadres, draws };
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
		.limit(limit);
}

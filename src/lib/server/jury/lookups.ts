/** Look-ups for forms and imports: districts, units, and which phones are already taken. */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import type { RosterKind } from '$lib/server/db/schema';
import type { JuryScope } from './scope';
import type { Executor } from './types';

export interface Choice {
	id: number;
	name: string;
}

/** Districts and counties a juror can live in (not archived). */
export function listDistricts(db: Executor): Promise<Choice[]> {
	return db
		.select({ id: table.region.id, name: table.region.name })
		.from(table.region)
		.where(and(eq(table.region.level, 'district'), isNull(table.region.archivedAt)))
		.orderBy(asc(table.region.code));
}

/** Units not archived; with a scope, only those in the organizer's regions (units to draw for). */
export function listUnits(db: Executor, scope: JuryScope = null): Promise<Choice[]> {
	return db
		.select({ id: table.unit.id, name: table.unit.name })
		.from(table.unit)
		.where(
			and(
				isNull(table.unit.archivedAt),
				scope === null ? undefined : inArray(table.unit.regionId, scope)
			)
		)
		.orderBy(asc(table.unit.code));
}

export async function findRegionIdsByCode(
	db: Executor,
	codes: string[]
): Promise<Map<string, number>> {
	if (codes.length === 0) return new Map();
	const rows = await db
		.select({ id: table.region.id, code: table.region.code, name: table.region.name })
		.from(table.region)
		.where(
			and(
				eq(table.region.level, 'district'),
				or(inArray(table.region.code, codes), inArray(table.region.name, codes))
			)
		);
	const map = new Map<string, number>();
	for (const row of rows) {
		map.set(row.code, row.id);
		map.set(row.name, row.id);
	}
	return map;
}

export async function findUnitIdsByCode(
	db: Executor,
	codes: string[]
): Promise<Map<string, number>> {
	if (codes.length === 0) return new Map();
	const rows = await db
		.select({ id: table.unit.id, code: table.unit.code })
		.from(table.unit)
		.where(inArray(table.unit.code, codes));
	return new Map(rows.map((row) => [row.code, row.id]));
}

/** Which of these phones already have a living record on the roster. */
export async function findLivePhones(
	db: Executor,
	roster: RosterKind,
	phones: string[]
): Promise<Set<string>> {
	if (phones.length === 0) return new Set();
	const rows = await db
		.select({ phone: table.juror.phone })
		.from(table.juror)
		.where(
			and(
				eq(table.juror.roster, roster),
				inArray(table.juror.phone, phones),
				inArray(table.juror.status, ['applied', 'approved', 'active', 'expired'])
			)
		);
	return new Set(rows.map((row) => row.phone));
}

/**
 * Region scope in the jury area (Accounts issue: a district organizer sees only their district).
 * A juror belongs to the district they live in (`juror.region_id`); a draw belongs to the region of
 * the unit it evaluates. `null` means everything (admin, or an organizer grant without a region).
 */
import { eq } from 'drizzle-orm';
import { regionScope } from '$lib/server/auth/region-scope';
import type { AuthUser } from '$lib/server/auth/types';
import * as table from '$lib/server/db/schema';
import { JuryError, type Executor } from './types';

export type JuryScope = number[] | null;

/** The regions an organizer may see and change in the jury area. */
export function juryScope(db: Executor, user: AuthUser | null): Promise<JuryScope> {
	return regionScope(db, user, 'organizer');
}

export function inJuryScope(scope: JuryScope, regionId: number): boolean {
	return scope === null || scope.includes(regionId);
}

/** The juror's district, or null when there is no such juror. */
export async function jurorRegionId(db: Executor, jurorId: number): Promise<number | null> {
	const [row] = await db
		.select({ regionId: table.juror.regionId })
		.from(table.juror)
		.where(eq(table.juror.id, jurorId));
	return row?.regionId ?? null;
}

/** The region of the unit a draw evaluates, or null when there is no such draw. */
export async function drawRegionId(db: Executor, drawId: number): Promise<number | null> {
	const [row] = await db
		.select({ regionId: table.unit.regionId })
		.from(table.draw)
		.innerJoin(table.unit, eq(table.unit.id, table.draw.unitId))
		.where(eq(table.draw.id, drawId));
	return row?.regionId ?? null;
}

/** Refuses a command on a juror outside the scope; a missing juror is left to the command. */
export async function assertJurorInScope(
	db: Executor,
	scope: JuryScope,
	jurorId: number
): Promise<void> {
	if (scope === null) return;
	const regionId = await jurorRegionId(db, jurorId);
	if (regionId !== null && !scope.includes(regionId)) throw new JuryError('out_of_scope');
}

export async function assertDrawInScope(
	db: Executor,
	scope: JuryScope,
	drawId: number
): Promise<void> {
	if (scope === null) return;
	const regionId = await drawRegionId(db, drawId);
	if (regionId !== null && !scope.includes(regionId)) throw new JuryError('out_of_scope');
}

export async function assertUnitInScope(
	db: Executor,
	scope: JuryScope,
	unitId: number
): Promise<void> {
	if (scope === null) return;
	const [row] = await db
		.select({ regionId: table.unit.regionId })
		.from(table.unit)
		.where(eq(table.unit.id, unitId));
	if (row && !scope.includes(row.regionId)) throw new JuryError('out_of_scope');
}

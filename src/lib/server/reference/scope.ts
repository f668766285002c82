/**
 * Region scope in reference data. A scoped user sees the regions in scope, the units whose region
 * is in scope and the cadres of those units; writes must keep every record they touch in scope.
 */
import { eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { regionScope } from '$lib/server/auth/region-scope';
import type { AuthUser } from '$lib/server/auth/types';
import type {
	CadreRecord,
	ImportErrorCode,
	RecordOf,
	ReferenceEntity,
	RegionRecord,
	RowIssue,
	UnitRecord
} from '$lib/domain/reference-import';
import type { KnownCodes, Tx } from './known';

/** null: every region; otherwise the ids of the regions the user may see or change. */
export type Scope = number[] | null;

/** A row issue, or a record the user may not touch because it lies outside their regions. */
export type ReferenceIssue = Omit<RowIssue, 'code'> & {
	code: ImportErrorCode | ScopeIssueCode;
};
export type ScopeIssueCode = 'outside_scope' | 'outside_scope_top_level';

/** What a user may read: the union of what their organizer and leader grants allow. */
export async function readScope(db: Database, user: AuthUser | null): Promise<Scope> {
	const [organizer, leader] = await Promise.all([
		regionScope(db, user, 'organizer'),
		regionScope(db, user, 'leader')
	]);
	if (organizer === null || leader === null) return null;
	return [...new Set([...organizer, ...leader])];
}

/** What a user may change: only organizer grants write reference data. */
export function writeScope(db: Database, user: AuthUser | null): Promise<Scope> {
	return regionScope(db, user, 'organizer');
}

/** A where-condition keeping rows whose region column is in scope (none for everything). */
export function withinScope(column: AnyColumn, scope: Scope): SQL | undefined {
	if (scope === null) return undefined;
	if (scope.length === 0) return sql`false`;
	return inArray(column, scope);
}

/** Where a stored record hangs: its own region (for a region, itself) and, for a region, its parent. */
async function placeOf(
	tx: Tx,
	entity: ReferenceEntity,
	id: number
): Promise<{ regionId: number; parentId: number | null } | null> {
	if (entity === 'region') {
		const [row] = await tx
			.select({ regionId: table.region.id, parentId: table.region.parentId })
			.from(table.region)
			.where(eq(table.region.id, id));
		return row ?? null;
	}
	const [row] =
		entity === 'unit'
			? await tx
					.select({ regionId: table.unit.regionId })
					.from(table.unit)
					.where(eq(table.unit.id, id))
			: await tx
					.select({ regionId: table.unit.regionId })
					.from(table.cadre)
					.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
					.where(eq(table.cadre.id, id));
	return row ? { regionId: row.regionId, parentId: null } : null;
}

/** Whether a stored record lies in scope; an unscoped user reaches every record. */
export async function storedInScope(
	tx: Tx,
	entity: ReferenceEntity,
	id: number,
	scope: Scope
): Promise<boolean> {
	if (scope === null) return true;
	const place = await placeOf(tx, entity, id);
	return place !== null && scope.includes(place.regionId);
}

/**
 * Why a write would reach outside the scope: the stored record lies outside, or the parent region,
 * region, parent unit or unit it names does. A region's root stays editable although its parent
 * lies outside, as long as it keeps that parent; a top-level region needs an unscoped user.
 * Codes the database does not know are left to the other checks.
 */
export async function checkScope<E extends ReferenceEntity>(
	tx: Tx,
	known: KnownCodes,
	entity: E,
	record: RecordOf[E],
	existing: { id: number } | null,
	scope: Scope
): Promise<{ column: string; code: ScopeIssueCode; params: { code: string } }[]> {
	if (scope === null) return [];
	const allowed = new Set(scope);
	const outside = (column: string, code: string, why: ScopeIssueCode = 'outside_scope') => [
		{ column, code: why, params: { code } }
	];
	const current = existing ? await placeOf(tx, entity, existing.id) : null;
	if (current && !allowed.has(current.regionId)) return outside('code', record.code);
	if (entity === 'region') {
		const r = record as RegionRecord;
		const parent = r.parentCode ? known.regions.get(r.parentCode) : undefined;
		const parentId = r.parentCode ? (parent?.id ?? null) : null;
		const keepsParent = current !== null && current.parentId === parentId;
		if (!r.parentCode && !keepsParent) return outside('level', r.code, 'outside_scope_top_level');
		if (parent && !allowed.has(parent.id) && !keepsParent)
			return outside('parent_code', parent.code);
		return [];
	}
	if (entity === 'unit') {
		const u = record as UnitRecord;
		const region = known.regions.get(u.regionCode);
		if (region && !allowed.has(region.id)) return outside('region_code', region.code);
		const parent = u.parentUnitCode ? known.units.get(u.parentUnitCode) : undefined;
		if (parent && !allowed.has(parent.regionId)) return outside('parent_unit_code', parent.code);
		return [];
	}
	const unit = known.units.get((record as CadreRecord).unitCode);
	if (unit && !allowed.has(unit.regionId)) return outside('unit_code', unit.code);
	return [];
}

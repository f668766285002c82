import {
	and,
	asc,
	eq,
	ilike,
	isNotNull,
	isNull,
	or,
	sql,
	type AnyColumn,
	type SQL
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '$lib/server/db';
import { containsPattern } from '$lib/server/db/like';
import * as table from '$lib/server/db/schema';
import type {
	CadreListQuery,
	CadreRow,
	ListQuery,
	Page,
	RegionListQuery,
	RegionRow,
	UnitListQuery,
	UnitRow
} from './types';
import { withinScope, type Scope } from './scope';

export type * from './types';

export const PAGE_SIZE = 50;

const parentRegion = alias(table.region, 'parent_region');
const parentUnit = alias(table.unit, 'parent_unit');
const archived = (column: AnyColumn) => sql<boolean>`${column} is not null`.mapWith(Boolean);
const total = sql<number>`count(*) over ()`.mapWith(Number);

function searchAndArchive(
	source: typeof table.region | typeof table.unit | typeof table.cadre,
	query: ListQuery
): SQL[] {
	const conditions: SQL[] = [];
	if (!query.includeArchived) conditions.push(isNull(source.archivedAt));
	if (query.search) {
		const pattern = containsPattern(query.search);
		conditions.push(or(ilike(source.code, pattern), ilike(source.name, pattern))!);
	}
	return conditions;
}

/** Rows of one page plus the total; the window count saves a second query. */
function paged<T extends { total: number }>(rows: T[], page: number): Page<Omit<T, 'total'>> {
	const items = rows.map(({ total: _total, ...rest }) => rest);
	return { items, total: rows[0]?.total ?? 0, page, pageSize: PAGE_SIZE };
}

/** Columns and joins of each entity's list and detail, shared so both show the same thing. */
function regionQuery(db: Database) {
	return db
		.select({
			id: table.region.id,
			code: table.region.code,
			name: table.region.name,
			level: table.region.level,
			parentCode: parentRegion.code,
			parentName: parentRegion.name,
			archived: archived(table.region.archivedAt),
			total
		})
		.from(table.region)
		.leftJoin(parentRegion, eq(parentRegion.id, table.region.parentId))
		.$dynamic();
}

function unitQuery(db: Database) {
	return db
		.select({
			id: table.unit.id,
			code: table.unit.code,
			name: table.unit.name,
			kind: table.unit.kind,
			regionCode: table.region.code,
			regionName: table.region.name,
			parentCode: parentUnit.code,
			parentName: parentUnit.name,
			archived: archived(table.unit.archivedAt),
			total
		})
		.from(table.unit)
		.innerJoin(table.region, eq(table.region.id, table.unit.regionId))
		.leftJoin(parentUnit, eq(parentUnit.id, table.unit.parentUnitId))
		.$dynamic();
}

function cadreQuery(db: Database) {
	return db
		.select({
			id: table.cadre.id,
			code: table.cadre.code,
			name: table.cadre.name,
			unitCode: table.unit.code,
			unitName: table.unit.name,
			position: table.cadre.position,
			level: table.cadre.level,
			midLevel: table.cadre.midLevel,
			headsUnit: table.cadre.headsUnit,
			birthMonth: table.cadre.birthMonth,
			appointedOn: table.cadre.appointedOn,
			archived: archived(table.cadre.archivedAt),
			total
		})
		.from(table.cadre)
		.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
		.$dynamic();
}

export async function listRegions(
	db: Database,
	query: RegionListQuery,
	scope: Scope
): Promise<Page<RegionRow>> {
	const conditions = searchAndArchive(table.region, query);
	if (query.level) conditions.push(eq(table.region.level, query.level));
	if (query.parentCode) conditions.push(eq(parentRegion.code, query.parentCode));
	const inScope = withinScope(table.region.id, scope);
	if (inScope) conditions.push(inScope);
	const rows = await regionQuery(db)
		.where(and(...conditions))
		.orderBy(asc(table.region.level), asc(table.region.code))
		.limit(PAGE_SIZE)
		.offset((query.page - 1) * PAGE_SIZE);
	return paged(rows, query.page);
}

export async function listUnits(
	db: Database,
	query: UnitListQuery,
	scope: Scope
): Promise<Page<UnitRow>> {
	const conditions = searchAndArchive(table.unit, query);
	if (query.kind) conditions.push(eq(table.unit.kind, query.kind));
	if (query.regionCode) conditions.push(eq(table.region.code, query.regionCode));
	const inScope = withinScope(table.unit.regionId, scope);
	if (inScope) conditions.push(inScope);
	const rows = await unitQuery(db)
		.where(and(...conditions))
		.orderBy(asc(table.unit.code))
		.limit(PAGE_SIZE)
		.offset((query.page - 1) * PAGE_SIZE);
	return paged(rows, query.page);
}

export async function listCadres(
	db: Database,
	query: CadreListQuery,
	scope: Scope
): Promise<Page<CadreRow>> {
	const conditions = searchAndArchive(table.cadre, query);
	if (query.level) conditions.push(eq(table.cadre.level, query.level));
	if (query.unitCode) conditions.push(eq(table.unit.code, query.unitCode));
	const inScope = withinScope(table.unit.regionId, scope);
	if (inScope) conditions.push(inScope);
	const rows = await cadreQuery(db)
		.where(and(...conditions))
		.orderBy(asc(table.cadre.code))
		.limit(PAGE_SIZE)
		.offset((query.page - 1) * PAGE_SIZE);
	return paged(rows, query.page);
}

/** One record for its detail page; null when it does not exist or lies outside the scope. */
export async function getRegion(db: Database, id: number, scope: Scope): Promise<RegionRow | null> {
	const where = and(eq(table.region.id, id), withinScope(table.region.id, scope));
	return paged(await regionQuery(db).where(where), 1).items[0] ?? null;
}

export async function getUnit(db: Database, id: number, scope: Scope): Promise<UnitRow | null> {
	const where = and(eq(table.unit.id, id), withinScope(table.unit.regionId, scope));
	return paged(await unitQuery(db).where(where), 1).items[0] ?? null;
}

export async function getCadre(db: Database, id: number, scope: Scope): Promise<CadreRow | null> {
	const where = and(eq(table.cadre.id, id), withinScope(table.unit.regionId, scope));
	return paged(await cadreQuery(db).where(where), 1).items[0] ?? null;
}

export interface ReferenceCounts {
	active: number;
	archived: number;
}

/** Active and archived counts per entity within the scope, for the overview page. */
export async function countReference(
	db: Database,
	scope: Scope
): Promise<Record<'region' | 'unit' | 'cadre', ReferenceCounts>> {
	const counts = (source: typeof table.region | typeof table.unit | typeof table.cadre) => ({
		active: sql<number>`count(*) filter (where ${isNull(source.archivedAt)})`.mapWith(Number),
		archived: sql<number>`count(*) filter (where ${isNotNull(source.archivedAt)})`.mapWith(Number)
	});
	const zero = { active: 0, archived: 0 };
	const [[region], [unit], [cadre]] = await Promise.all([
		db.select(counts(table.region)).from(table.region).where(withinScope(table.region.id, scope)),
		db.select(counts(table.unit)).from(table.unit).where(withinScope(table.unit.regionId, scope)),
		db
			.select(counts(table.cadre))
			.from(table.cadre)
			.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
			.where(withinScope(table.unit.regionId, scope))
	]);
	return { region: region ?? zero, unit: unit ?? zero, cadre: cadre ?? zero };
}

/** Whether any record of the entity is stored within the scope, archived or not. */
export async function hasAny(
	db: Database,
	entity: 'region' | 'unit' | 'cadre',
	scope: Scope
): Promise<boolean> {
	const found =
		entity === 'region'
			? await db
					.select({ id: table.region.id })
					.from(table.region)
					.where(withinScope(table.region.id, scope))
					.limit(1)
			: entity === 'unit'
				? await db
						.select({ id: table.unit.id })
						.from(table.unit)
						.where(withinScope(table.unit.regionId, scope))
						.limit(1)
				: await db
						.select({ id: table.cadre.id })
						.from(table.cadre)
						.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
						.where(withinScope(table.unit.regionId, scope))
						.limit(1);
	return found.length > 0;
}

import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { RegionLevel, UnitKind } from '$lib/domain/reference-import';

/** The database, or the transaction a write runs in. */
export type Tx = Pick<Database, 'select' | 'insert' | 'update' | 'execute'>;

export interface KnownRegion {
	id: number;
	code: string;
	level: RegionLevel;
	archived: boolean;
}

export interface KnownUnit {
	id: number;
	code: string;
	kind: UnitKind;
	regionId: number;
	archived: boolean;
}

/**
 * What the database and the rows imported so far say about codes. An import resolves each row's
 * parent against this, then tells it about the row it wrote, so a later row can point at an
 * earlier one (a city and its districts in one file). Codes of rejected rows are remembered too,
 * so a row under a rejected parent says why rather than "not found".
 */
export class KnownCodes {
	readonly regions = new Map<string, KnownRegion>();
	readonly units = new Map<string, KnownUnit>();
	readonly cadres = new Map<string, { id: number }>();
	/** Code → the file row that tried to define it and was rejected. */
	readonly rejected = new Map<string, number>();

	constructor(private readonly tx: Tx) {}

	async loadRegions(codes: Iterable<string>): Promise<void> {
		for (const chunk of chunks([...new Set(codes)])) {
			const rows = await this.tx
				.select({
					id: table.region.id,
					code: table.region.code,
					level: table.region.level,
					archivedAt: table.region.archivedAt
				})
				.from(table.region)
				.where(inArray(table.region.code, chunk));
			for (const row of rows) this.regions.set(row.code, toKnown(row, { level: row.level }));
		}
	}

	async loadUnits(codes: Iterable<string>): Promise<void> {
		for (const chunk of chunks([...new Set(codes)])) {
			const rows = await this.tx
				.select({
					id: table.unit.id,
					code: table.unit.code,
					kind: table.unit.kind,
					regionId: table.unit.regionId,
					archivedAt: table.unit.archivedAt
				})
				.from(table.unit)
				.where(inArray(table.unit.code, chunk));
			for (const row of rows)
				this.units.set(row.code, toKnown(row, { kind: row.kind, regionId: row.regionId }));
		}
	}

	async loadCadres(codes: Iterable<string>): Promise<void> {
		for (const chunk of chunks([...new Set(codes)])) {
			const rows = await this.tx
				.select({ id: table.cadre.id, code: table.cadre.code })
				.from(table.cadre)
				.where(inArray(table.cadre.code, chunk));
			for (const row of rows) this.cadres.set(row.code, { id: row.id });
		}
	}
}

function toKnown<T extends object>(
	row: { id: number; code: string; archivedAt: Date | null },
	extra: T
): { id: number; code: string; archived: boolean } & T {
	return { id: row.id, code: row.code, archived: row.archivedAt !== null, ...extra };
}

/** Keeps each `in (...)` list well under PostgreSQL's limit of 65,535 parameters. */
function chunks<T>(items: T[], size = 5000): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

const count = sql<number>`count(*)`.mapWith(Number);

/** Child regions and units of a region, archived ones included: a level change would strand them. */
export async function countRegionDependants(tx: Tx, regionId: number): Promise<number> {
	const [regions] = await tx
		.select({ count })
		.from(table.region)
		.where(eq(table.region.parentId, regionId));
	const [units] = await tx
		.select({ count })
		.from(table.unit)
		.where(eq(table.unit.regionId, regionId));
	return (regions?.count ?? 0) + (units?.count ?? 0);
}

/** Service windows under a unit, archived ones included. */
export async function countUnitWindows(tx: Tx, unitId: number): Promise<number> {
	const [windows] = await tx
		.select({ count })
		.from(table.unit)
		.where(eq(table.unit.parentUnitId, unitId));
	return windows?.count ?? 0;
}

/** Active children that make archiving refused: sub-regions and units, or windows and cadres. */
export async function countActiveChildren(
	tx: Tx,
	entity: 'region' | 'unit',
	id: number
): Promise<number> {
	if (entity === 'region') {
		const [regions] = await tx
			.select({ count })
			.from(table.region)
			.where(and(eq(table.region.parentId, id), isNull(table.region.archivedAt)));
		const [units] = await tx
			.select({ count })
			.from(table.unit)
			.where(and(eq(table.unit.regionId, id), isNull(table.unit.archivedAt)));
		return (regions?.count ?? 0) + (units?.count ?? 0);
	}
	const [windows] = await tx
		.select({ count })
		.from(table.unit)
		.where(and(eq(table.unit.parentUnitId, id), isNull(table.unit.archivedAt)));
	const [cadres] = await tx
		.select({ count })
		.from(table.cadre)
		.where(and(eq(table.cadre.unitId, id), isNull(table.cadre.archivedAt)));
	return (windows?.count ?? 0) + (cadres?.count ?? 0);
}

/**
 * The code of an archived record this one hangs from (parent region; region or parent unit; unit),
 * or null. Un-archiving under an archived parent is refused, as creating under one is.
 */
export async function findArchivedParentCode(
	tx: Tx,
	entity: 'region' | 'unit' | 'cadre',
	id: number
): Promise<string | null> {
	const regionIds: number[] = [];
	const unitIds: number[] = [];
	if (entity === 'region') {
		const [row] = await tx
			.select({ parentId: table.region.parentId })
			.from(table.region)
			.where(eq(table.region.id, id));
		if (row?.parentId) regionIds.push(row.parentId);
	} else if (entity === 'unit') {
		const [row] = await tx
			.select({ regionId: table.unit.regionId, parentUnitId: table.unit.parentUnitId })
			.from(table.unit)
			.where(eq(table.unit.id, id));
		if (row) regionIds.push(row.regionId);
		if (row?.parentUnitId) unitIds.push(row.parentUnitId);
	} else {
		const [row] = await tx
			.select({ unitId: table.cadre.unitId })
			.from(table.cadre)
			.where(eq(table.cadre.id, id));
		if (row) unitIds.push(row.unitId);
	}
	return (
		(await archivedCode(tx, table.unit, unitIds)) ??
		(await archivedCode(tx, table.region, regionIds))
	);
}

async function archivedCode(
	tx: Tx,
	source: typeof table.region | typeof table.unit,
	ids: number[]
): Promise<string | null> {
	if (ids.length === 0) return null;
	const rows = await tx
		.select({ code: source.code })
		.from(source)
		.where(and(inArray(source.id, ids), isNotNull(source.archivedAt)));
	return rows[0]?.code ?? null;
}

/**
 * Whether a write failed on a unique index: another request stored the same code between our
 * check and our insert. Drizzle wraps the driver's error, so look down the cause chain.
 */
export function isUniqueViolation(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		if ((current as { code?: string }).code === '23505') return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import {
	booleanWords,
	cadreLevelWords,
	columnHeader,
	referenceColumns,
	regionLevelWords,
	unitKindWords,
	wordFor,
	type HeaderLanguage,
	type ReferenceEntity
} from '$lib/domain/reference-import';
import { withinScope, type Scope } from './scope';
import { writeSpreadsheet, type SpreadsheetFormat } from './spreadsheet';

/**
 * The active records of one entity as a spreadsheet in the reader's language. Parents come before
 * their children (regions by level, windows after the units they belong to), so the file
 * re-imports cleanly. Archived records are left out: an active record never hangs from an archived
 * one, so the file is self-consistent. A scoped reader gets only the records within their regions.
 */
export async function exportReference(
	db: Database,
	entity: ReferenceEntity,
	format: SpreadsheetFormat,
	language: HeaderLanguage,
	scope: Scope
): Promise<Uint8Array> {
	const headers = referenceColumns[entity].map((col) => columnHeader(col, language));
	const rows = await exportRows[entity](db, language, scope);
	return writeSpreadsheet(format, entity, headers, rows);
}

const exportRows: Record<
	ReferenceEntity,
	(db: Database, language: HeaderLanguage, scope: Scope) => Promise<string[][]>
> = {
	async region(db, language, scope) {
		const parent = alias(table.region, 'parent');
		const rows = await db
			.select({
				code: table.region.code,
				name: table.region.name,
				level: table.region.level,
				parentCode: parent.code
			})
			.from(table.region)
			.leftJoin(parent, eq(parent.id, table.region.parentId))
			.where(and(isNull(table.region.archivedAt), withinScope(table.region.id, scope)))
			.orderBy(asc(table.region.level), asc(table.region.code));
		return rows.map((r) => [
			r.code,
			r.name,
			wordFor(regionLevelWords, r.level, language),
			r.parentCode ?? ''
		]);
	},
	async unit(db, language, scope) {
		const parent = alias(table.unit, 'parent');
		const rows = await db
			.select({
				code: table.unit.code,
				name: table.unit.name,
				kind: table.unit.kind,
				regionCode: table.region.code,
				parentCode: parent.code
			})
			.from(table.unit)
			.innerJoin(table.region, eq(table.region.id, table.unit.regionId))
			.leftJoin(parent, eq(parent.id, table.unit.parentUnitId))
			.where(and(isNull(table.unit.archivedAt), withinScope(table.unit.regionId, scope)))
			.orderBy(sql`${table.unit.kind} = 'service_window'`, asc(table.unit.code));
		return rows.map((r) => [
			r.code,
			r.name,
			wordFor(unitKindWords, r.kind, language),
			r.regionCode,
			r.parentCode ?? ''
		]);
	},
	async cadre(db, language, scope) {
		const rows = await db
			.select({ cadre: table.cadre, unitCode: table.unit.code })
			.from(table.cadre)
			.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
			.where(and(isNull(table.cadre.archivedAt), withinScope(table.unit.regionId, scope)))
			.orderBy(asc(table.cadre.code));
		return rows.map(({ cadre, unitCode }) => [
			cadre.code,
			cadre.name,
			unitCode,
			cadre.position,
			wordFor(cadreLevelWords, cadre.level, language),
			wordFor(booleanWords, cadre.midLevel ? 'yes' : 'no', language),
			wordFor(booleanWords, cadre.headsUnit ? 'yes' : 'no', language),
			cadre.birthMonth ?? '',
			cadre.appointedOn ?? ''
		]);
	}
};

/** A download name such as "units-2026-11-21.xlsx". */
export function exportFileName(
	entity: ReferenceEntity,
	format: SpreadsheetFormat,
	now = new Date()
) {
	const plural = { region: 'regions', unit: 'units', cadre: 'cadres' }[entity];
	return `${plural}-${now.toISOString().slice(0, 10)}.${format}`;
}

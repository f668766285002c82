import { eq } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import {
	parentLevelOf,
	type CadreRecord,
	type ImportErrorCode,
	type IssueParams,
	type RecordOf,
	type ReferenceEntity,
	type RegionRecord,
	type UnitRecord
} from '$lib/domain/reference-import';
import { countRegionDependants, countUnitWindows, KnownCodes, type Tx } from './known';
import { checkScope, type ReferenceIssue, type Scope } from './scope';

/** The stored record a write replaces: by code for an import (upsert), by id for an edit form. */
export type Existing = { id: number } | null;
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

type Issue = { column: string; code: ImportErrorCode; params?: IssueParams };

/**
 * Problems that need the database (or earlier rows of the file): a record or parent outside the
 * writer's regions, missing, archived or misplaced parents, and changes that would strand
 * children. Empty when the record can be written.
 */
export async function checkRecord<E extends ReferenceEntity>(
	tx: Tx,
	known: KnownCodes,
	entity: E,
	record: RecordOf[E],
	existing: Existing,
	row: number,
	scope: Scope
): Promise<ReferenceIssue[]> {
	const outside = await checkScope(tx, known, entity, record, existing, scope);
	if (outside.length > 0) return outside.map((issue) => ({ row, ...issue }));
	const issues: Issue[] =
		entity === 'region'
			? await checkRegion(tx, known, record as RegionRecord, existing)
			: entity === 'unit'
				? await checkUnit(tx, known, record as UnitRecord, existing)
				: checkCadre(known, record as CadreRecord);
	return issues.map((issue) => ({ row, params: {}, ...issue }));
}

async function checkRegion(
	tx: Tx,
	known: KnownCodes,
	record: RegionRecord,
	existing: Existing
): Promise<Issue[]> {
	const issues: Issue[] = [];
	if (record.parentCode) {
		const code = record.parentCode;
		const parent = known.regions.get(code);
		const expected = parentLevelOf(record.level);
		if (known.rejected.has(code)) {
			issues.push(rejectedParent('parent_code', code, known));
		} else if (!parent) {
			issues.push({ column: 'parent_code', code: 'parent_not_found', params: { code } });
		} else if (parent.archived) {
			issues.push({ column: 'parent_code', code: 'parent_archived', params: { code } });
		} else if (expected && parent.level !== expected) {
			issues.push({
				column: 'parent_code',
				code: 'parent_wrong_level',
				params: { code, level: parent.level, expected }
			});
		}
	}
	if (existing) {
		const [current] = await tx
			.select({ level: table.region.level })
			.from(table.region)
			.where(eq(table.region.id, existing.id));
		if (current && current.level !== record.level) {
			if ((await countRegionDependants(tx, existing.id)) > 0) {
				issues.push({ column: 'level', code: 'level_change_has_children' });
			}
		}
	}
	return issues;
}

async function checkUnit(
	tx: Tx,
	known: KnownCodes,
	record: UnitRecord,
	existing: Existing
): Promise<Issue[]> {
	const issues: Issue[] = [];
	const region = known.regions.get(record.regionCode);
	const regionCode = record.regionCode;
	if (!region) {
		issues.push({ column: 'region_code', code: 'region_not_found', params: { code: regionCode } });
	} else if (region.archived) {
		issues.push({ column: 'region_code', code: 'region_archived', params: { code: regionCode } });
	}
	if (record.parentUnitCode) {
		const code = record.parentUnitCode;
		const parent = known.units.get(code);
		if (known.rejected.has(code)) {
			issues.push(rejectedParent('parent_unit_code', code, known));
		} else if (!parent) {
			issues.push({ column: 'parent_unit_code', code: 'parent_unit_not_found', params: { code } });
		} else if (parent.archived) {
			issues.push({ column: 'parent_unit_code', code: 'parent_unit_archived', params: { code } });
		} else if (parent.kind === 'service_window' || parent.code === record.code) {
			issues.push({ column: 'parent_unit_code', code: 'parent_unit_is_window', params: { code } });
		}
	}
	if (existing && record.kind === 'service_window') {
		if ((await countUnitWindows(tx, existing.id)) > 0) {
			issues.push({ column: 'kind', code: 'kind_change_has_windows' });
		}
	}
	return issues;
}

function checkCadre(known: KnownCodes, record: CadreRecord): Issue[] {
	const code = record.unitCode;
	const unit = known.units.get(code);
	if (!unit) return [{ column: 'unit_code', code: 'unit_not_found', params: { code } }];
	if (unit.archived) return [{ column: 'unit_code', code: 'unit_archived', params: { code } }];
	return [];
}

function rejectedParent(column: string, code: string, known: KnownCodes): Issue {
	return {
		column,
		code: 'parent_row_invalid',
		params: { code, row: known.rejected.get(code) ?? 0 }
	};
}

/**
 * Inserts or updates one checked record and tells `known` about it, so later rows can refer to it.
 * A record whose stored values already match is left alone (and its updated_at with it).
 */
export async function writeRecord<E extends ReferenceEntity>(
	tx: Tx,
	known: KnownCodes,
	entity: E,
	record: RecordOf[E],
	existing: Existing
): Promise<{ id: number; outcome: WriteOutcome }> {
	if (entity === 'region') {
		const r = record as RegionRecord;
		const parentId = r.parentCode ? (known.regions.get(r.parentCode)?.id ?? null) : null;
		const values = { code: r.code, name: r.name, level: r.level, parentId };
		const result = await upsert(tx, table.region, values, existing);
		known.regions.set(r.code, { id: result.id, code: r.code, level: r.level, archived: false });
		return result;
	}
	if (entity === 'unit') {
		const u = record as UnitRecord;
		const values = {
			code: u.code,
			name: u.name,
			kind: u.kind,
			regionId: known.regions.get(u.regionCode)!.id,
			parentUnitId: u.parentUnitCode ? known.units.get(u.parentUnitCode)!.id : null
		};
		const result = await upsert(tx, table.unit, values, existing);
		known.units.set(u.code, {
			id: result.id,
			code: u.code,
			kind: u.kind,
			regionId: values.regionId,
			archived: false
		});
		return result;
	}
	const c = record as CadreRecord;
	const { unitCode, ...rest } = c;
	const values = { ...rest, unitId: known.units.get(unitCode)!.id };
	const result = await upsert(tx, table.cadre, values, existing);
	known.cadres.set(c.code, { id: result.id });
	return result;
}

type ReferenceTable = typeof table.region | typeof table.unit | typeof table.cadre;

async function upsert(
	tx: Tx,
	target: ReferenceTable,
	values: Record<string, unknown>,
	existing: Existing
): Promise<{ id: number; outcome: WriteOutcome }> {
	if (!existing) {
		const [row] = await tx
			.insert(target)
			.values(values as never)
			.returning({ id: target.id });
		return { id: row.id, outcome: 'created' };
	}
	const [current] = await tx.select().from(target).where(eq(target.id, existing.id));
	const same = Object.entries(values).every(
		([key, value]) => (current as Record<string, unknown> | undefined)?.[key] === value
	);
	if (same) return { id: existing.id, outcome: 'unchanged' };
	await tx
		.update(target)
		.set({ ...values, updatedAt: new Date() } as never)
		.where(eq(target.id, existing.id));
	return { id: existing.id, outcome: 'updated' };
}

import { eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { recordAuditEvent } from '$lib/server/audit';
import type {
	CadreRecord,
	RecordOf,
	ReferenceEntity,
	RegionRecord,
	UnitRecord
} from '$lib/domain/reference-import';
import {
	countActiveChildren,
	findArchivedParentCode,
	isUniqueViolation,
	KnownCodes,
	type Tx
} from './known';
import { checkRecord, writeRecord } from './records';
import { storedInScope, type ReferenceIssue, type Scope } from './scope';

export type Actor = { id: number; label: string } | null;

export type SaveResult = { ok: true; id: number } | { ok: false; issues: ReferenceIssue[] };

export type ArchiveResult =
	| { ok: true }
	| { ok: false; reason: 'outside_scope' }
	| { ok: false; reason: 'has_children'; count: number }
	| { ok: false; reason: 'parent_archived'; code: string };

/**
 * The table of an entity, typed as the region table: the three share every column used here
 * (id, archivedAt, updatedAt), and a union of tables does not type-check in drizzle's builders.
 */
const sources = {
	region: table.region,
	unit: table.unit as unknown as typeof table.region,
	cadre: table.cadre as unknown as typeof table.region
};

/**
 * Creates a record from a form; a code already in use is refused (imports update instead), and so
 * is a record the writer's scope does not cover.
 */
export async function createRecord<E extends ReferenceEntity>(
	db: Database,
	entity: E,
	record: RecordOf[E],
	actor: Actor,
	scope: Scope
): Promise<SaveResult> {
	return codeRace(record.code, () =>
		db.transaction(async (tx): Promise<SaveResult> => {
			const known = await knownFor(tx, entity, record);
			if (codeHolder(known, entity, record.code) !== null) {
				return taken(record.code);
			}
			const issues = await checkRecord(tx, known, entity, record, null, 0, scope);
			if (issues.length > 0) return { ok: false, issues };
			const { id } = await writeRecord(tx, known, entity, record, null);
			await recordAuditEvent(tx, {
				actor,
				action: `${entity}.create`,
				subjectType: entity,
				subjectId: id,
				details: { ...record }
			});
			return { ok: true, id };
		})
	);
}

/** Updates a record from its edit form; null when there is no record with this id. */
export async function updateRecord<E extends ReferenceEntity>(
	db: Database,
	entity: E,
	id: number,
	record: RecordOf[E],
	actor: Actor,
	scope: Scope
): Promise<SaveResult | null> {
	return codeRace(record.code, () =>
		db.transaction(async (tx): Promise<SaveResult | null> => {
			const source = sources[entity as ReferenceEntity];
			const [current] = await tx.select({ id: source.id }).from(source).where(eq(source.id, id));
			if (!current) return null;
			const known = await knownFor(tx, entity, record);
			const holder = codeHolder(known, entity, record.code);
			if (holder !== null && holder !== id) return taken(record.code);
			const issues = await checkRecord(tx, known, entity, record, { id }, 0, scope);
			if (issues.length > 0) return { ok: false, issues };
			const { outcome } = await writeRecord(tx, known, entity, record, { id });
			if (outcome !== 'unchanged') {
				await recordAuditEvent(tx, {
					actor,
					action: `${entity}.update`,
					subjectType: entity,
					subjectId: id,
					details: { ...record }
				});
			}
			return { ok: true, id };
		})
	);
}

/**
 * Archives or restores a record. Archiving a region or unit that still has active children is
 * refused, and so is restoring a record whose parent is archived: an active record never hangs
 * from an archived one. Null when there is no record with this id.
 */
export async function setArchived(
	db: Database,
	entity: ReferenceEntity,
	id: number,
	archive: boolean,
	actor: Actor,
	scope: Scope
): Promise<ArchiveResult | null> {
	return db.transaction(async (tx) => {
		const source = sources[entity as ReferenceEntity];
		const [current] = await tx
			.select({ archivedAt: source.archivedAt })
			.from(source)
			.where(eq(source.id, id));
		if (!current) return null;
		if (!(await storedInScope(tx, entity, id, scope))) {
			return { ok: false, reason: 'outside_scope' } as const;
		}
		if ((current.archivedAt !== null) === archive) return { ok: true } as const;
		if (archive && entity !== 'cadre') {
			const count = await countActiveChildren(tx, entity, id);
			if (count > 0) return { ok: false, reason: 'has_children', count } as const;
		}
		if (!archive) {
			const code = await findArchivedParentCode(tx, entity, id);
			if (code) return { ok: false, reason: 'parent_archived', code } as const;
		}
		const now = new Date();
		await tx
			.update(source)
			.set({ archivedAt: archive ? now : null, updatedAt: now })
			.where(eq(source.id, id));
		await recordAuditEvent(tx, {
			actor,
			action: `${entity}.${archive ? 'archive' : 'unarchive'}`,
			subjectType: entity,
			subjectId: id
		});
		return { ok: true } as const;
	});
}

async function knownFor<E extends ReferenceEntity>(
	tx: Tx,
	entity: E,
	record: RecordOf[E]
): Promise<KnownCodes> {
	const known = new KnownCodes(tx);
	if (entity === 'region') {
		const r = record as RegionRecord;
		await known.loadRegions([r.code, ...(r.parentCode ? [r.parentCode] : [])]);
	} else if (entity === 'unit') {
		const u = record as UnitRecord;
		await known.loadRegions([u.regionCode]);
		await known.loadUnits([u.code, ...(u.parentUnitCode ? [u.parentUnitCode] : [])]);
	} else {
		const c = record as CadreRecord;
		await known.loadUnits([c.unitCode]);
		await known.loadCadres([c.code]);
	}
	return known;
}

function codeHolder(known: KnownCodes, entity: ReferenceEntity, code: string): number | null {
	const map = entity === 'region' ? known.regions : entity === 'unit' ? known.units : known.cadres;
	return map.get(code)?.id ?? null;
}

function taken(code: string): SaveResult {
	return { ok: false, issues: [{ row: 0, column: 'code', code: 'code_taken', params: { code } }] };
}

/** A code taken by a concurrent request after our check reads as "code taken", not a crash. */
async function codeRace<T>(code: string, write: () => Promise<T>): Promise<T | SaveResult> {
	try {
		return await write();
	} catch (error) {
		if (isUniqueViolation(error)) return taken(code);
		throw error;
	}
}

/**
 * Import of official figures in two steps. `previewImport` validates the sheet and, when every row
 * is good, stages the parsed rows in `import_batch` (status 'staged'); `confirmImport` writes them.
 *
 * Why a server-side staging row rather than a signed hidden field: ten years of 300 districts and
 * four indicators is 12,000 rows, too large to round-trip through a form (and past the default body
 * limit); a staged batch also records who prepared what, can be confirmed only by that person, and
 * expires (STAGE_TTL_MS) without any secret to manage.
 *
 * Re-importing replaces: for each indicator and year in the file, the imported values of the
 * regions' peer group (the children of the same parent) are deleted first, so a corrected file
 * leaves no stale rows; the audit event lists what was replaced.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { ReplacedYear, StagedIndicatorRow } from '$lib/server/db/schema';
import { recordAuditEvent } from '$lib/server/audit';
import { rowsOf } from '$lib/server/db/rows';
import { indicatorNameMap, listIndicators } from './indicators';
import { rankPeerGroup } from './record';
import { mapImportHeaders, validateImportSheet, type ImportIssue } from './validate';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type Actor = { id: number; label: string } | null;

export const STAGE_TTL_MS = 2 * 60 * 60 * 1000;

export interface SheetInput {
	headers: string[];
	headerRow: number;
	rows: { row: number; cells: string[] }[];
}

export interface ReplacementPreview {
	indicatorKey: string;
	year: number;
	parentCode: string | null;
	incoming: number;
	existing: number;
}

export type PreviewResult =
	| { ok: true; batchId: number; rows: StagedIndicatorRow[]; replacements: ReplacementPreview[] }
	| { ok: false; rows: StagedIndicatorRow[]; issues: ImportIssue[] };

interface RegionRow {
	id: number;
	code: string;
	parentId: number | null;
	parentCode: string | null;
}

async function loadRegions(db: Pick<Database, 'select'>, codes: string[]): Promise<RegionRow[]> {
	if (codes.length === 0) return [];
	// Written out in full: drizzle leaves a column in a select list unqualified, and inside the
	// subquery an unqualified parent_id would mean p.parent_id.
	const parent = sql<
		string | null
	>`(select p.code from region p where p.id = "region"."parent_id")`;
	return db
		.select({
			id: table.region.id,
			code: table.region.code,
			parentId: table.region.parentId,
			parentCode: parent
		})
		.from(table.region)
		.where(and(inArray(table.region.code, codes), isNull(table.region.archivedAt)));
}

/** Validates and, when clean, stages. `scope` is regionScope()'s answer for the importer. */
export async function previewImport(
	db: Database,
	sheet: SheetInput,
	options: { actor: Actor; fileName: string; scope: number[] | null; now?: Date }
): Promise<PreviewResult> {
	const indicators = await listIndicators(db);
	const codeColumn = mapImportHeaders(sheet.headers).keys.indexOf('region_code');
	const codes = codeColumn < 0 ? [] : sheet.rows.map((r) => (r.cells[codeColumn] ?? '').trim());
	const regions = await loadRegions(
		db,
		[...new Set(codes)].filter((code) => code !== '')
	);
	const scopeSet = options.scope ? new Set(options.scope) : null;
	const now = options.now ?? new Date();
	const { records, issues } = validateImportSheet(sheet, {
		indicators: indicatorNameMap(indicators),
		regionCodes: new Set(regions.map((r) => r.code)),
		scopeCodes: scopeSet
			? new Set(regions.filter((r) => scopeSet.has(r.id)).map((r) => r.code))
			: null,
		maxYear: now.getUTCFullYear() + 1
	});
	if (issues.length > 0) return { ok: false, rows: records, issues };
	const replacements = await previewReplacements(db, records, regions);
	const [batch] = await db
		.insert(table.importBatch)
		.values({
			fileName: options.fileName,
			rowCount: records.length,
			rows: records,
			createdBy: options.actor?.id ?? null,
			createdByLabel: options.actor?.label ?? null
		})
		.returning({ id: table.importBatch.id });
	return { ok: true, batchId: batch.id, rows: records, replacements };
}

function groupKey(indicatorKey: string, year: number, parentCode: string | null) {
	return `${indicatorKey}|${year}|${parentCode ?? ''}`;
}

/** Which (indicator, year, peer group) sets the file covers, with how many values they hold now. */
async function previewReplacements(
	db: Database,
	records: StagedIndicatorRow[],
	regions: RegionRow[]
): Promise<ReplacementPreview[]> {
	const byCode = new Map(regions.map((r) => [r.code, r]));
	const groups = new Map<string, ReplacementPreview & { parentId: number | null }>();
	for (const record of records) {
		const region = byCode.get(record.regionCode) as RegionRow;
		const key = groupKey(record.indicatorKey, record.year, region.parentCode);
		const group = groups.get(key) ?? {
			indicatorKey: record.indicatorKey,
			year: record.year,
			parentCode: region.parentCode,
			parentId: region.parentId,
			incoming: 0,
			existing: 0
		};
		group.incoming += 1;
		groups.set(key, group);
	}
	for (const group of groups.values()) {
		group.existing = await countImported(db, group.indicatorKey, group.year, group.parentId);
	}
	return [...groups.values()].map(({ parentId: _parentId, ...rest }) => rest);
}

async function countImported(
	db: Pick<Database, 'execute'>,
	indicatorKey: string,
	year: number,
	parentId: number | null
): Promise<number> {
	const result = await db.execute(sql`
		select count(*)::int as n from indicator_value v
		join indicator i on i.id = v.indicator_id
		join region r on r.id = v.region_id
		where i.key = ${indicatorKey} and v.year = ${year} and v.source = 'imported'
		and r.parent_id is not distinct from ${parentId}`);
	return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export type ConfirmResult =
	| { ok: true; batchId: number; written: number; replaced: ReplacedYear[] }
	| { ok: false; reason: 'not_found' | 'expired' | 'not_yours' | 'stale'; issues?: ImportIssue[] };

/** Writes a staged batch in one transaction with one audit event. */
export async function confirmImport(
	db: Database,
	batchId: number,
	options: { actor: Actor; scope: number[] | null; now?: Date }
): Promise<ConfirmResult> {
	const now = options.now ?? new Date();
	return db.transaction(async (tx) => {
		const [batch] = await tx
			.select()
			.from(table.importBatch)
			.where(and(eq(table.importBatch.id, batchId), eq(table.importBatch.status, 'staged')))
			.for('update');
		if (!batch) return { ok: false, reason: 'not_found' } as const;
		if ((options.actor?.id ?? null) !== batch.createdBy)
			return { ok: false, reason: 'not_yours' } as const;
		if (now.getTime() - batch.createdAt.getTime() > STAGE_TTL_MS) {
			return { ok: false, reason: 'expired' } as const;
		}
		const regions = await loadRegions(tx, [...new Set(batch.rows.map((r) => r.regionCode))]);
		const byCode = new Map(regions.map((r) => [r.code, r]));
		const scopeSet = options.scope ? new Set(options.scope) : null;
		// Regions may have been archived, or the importer's grants changed, since the preview.
		const stale = batch.rows.filter((r) => {
			const region = byCode.get(r.regionCode);
			return !region || (scopeSet !== null && !scopeSet.has(region.id));
		});
		if (stale.length > 0) {
			const issues = stale.map((r) => ({
				row: r.row,
				column: 'region_code' as const,
				code: byCode.has(r.regionCode) ? ('out_of_scope' as const) : ('unknown_region' as const),
				params: { value: r.regionCode }
			}));
			return { ok: false, reason: 'stale', issues } as const;
		}
		const replaced = await writeBatch(tx, batch.id, batch.rows, byCode, scopeSet);
		await tx
			.update(table.importBatch)
			.set({ status: 'confirmed', confirmedAt: now, replaced })
			.where(eq(table.importBatch.id, batch.id));
		await recordAuditEvent(tx, {
			actor: options.actor,
			action: 'trends.import',
			subjectType: 'import_batch',
			subjectId: batch.id,
			details: { fileName: batch.fileName, rows: batch.rowCount, replaced }
		});
		return { ok: true, batchId: batch.id, written: batch.rows.length, replaced } as const;
	});
}

/** Deletes each covered peer group's imported values for the year, then inserts the file's rows. */
async function writeBatch(
	tx: Tx,
	batchId: number,
	rows: StagedIndicatorRow[],
	byCode: Map<string, RegionRow>,
	scopeSet: Set<number> | null
): Promise<ReplacedYear[]> {
	const indicators = new Map((await listIndicators(tx)).map((i) => [i.key, i.id]));
	const groups = new Map<
		string,
		{ key: ReplacedYear; parentId: number | null; rows: StagedIndicatorRow[] }
	>();
	for (const row of rows) {
		const region = byCode.get(row.regionCode) as RegionRow;
		const key = groupKey(row.indicatorKey, row.year, region.parentCode);
		const group = groups.get(key) ?? {
			key: {
				indicatorKey: row.indicatorKey,
				year: row.year,
				parentCode: region.parentCode,
				removed: 0
			},
			parentId: region.parentId,
			rows: []
		};
		group.rows.push(row);
		groups.set(key, group);
	}
	for (const group of groups.values()) {
		const indicatorId = indicators.get(group.key.indicatorKey) as number;
		group.key.removed = await deleteImportedGroup(
			tx,
			indicatorId,
			group.key.year,
			group.parentId,
			scopeSet
		);
		await tx.insert(table.indicatorValue).values(
			group.rows.map((row) => ({
				indicatorId,
				regionId: (byCode.get(row.regionCode) as RegionRow).id,
				period: String(row.year),
				year: row.year,
				value: row.value,
				rank: row.rank,
				peers: row.peers,
				source: 'imported' as const,
				sourceDocument: row.source,
				importBatchId: batchId
			}))
		);
		// Official files sometimes give only the scores; then the ranks follow from them.
		if (group.rows.every((row) => row.rank === null)) {
			await rankPeerGroup(tx, {
				indicatorId,
				parentId: group.parentId,
				period: String(group.key.year),
				source: 'imported'
			});
		}
	}
	return [...groups.values()].map((group) => group.key);
}

async function deleteImportedGroup(
	tx: Tx,
	indicatorId: number,
	year: number,
	parentId: number | null,
	scopeSet: Set<number> | null
): Promise<number> {
	const scopeFilter = scopeSet
		? sql`and v.region_id in (${sql.join(
				[...scopeSet].map((id) => sql`${id}`),
				sql`, `
			)})`
		: sql``;
	const result = await tx.execute(sql`
		with gone as (
			delete from indicator_value v using region r
			where r.id = v.region_id and v.indicator_id = ${indicatorId} and v.year = ${year}
			and v.source = 'imported' and r.parent_id is not distinct from ${parentId} ${scopeFilter}
			returning v.id
		) select count(*)::int as n from gone`);
	return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** Marks a staged batch discarded (the person chose another file or cancelled). */
export async function discardImport(db: Database, batchId: number, actor: Actor): Promise<void> {
	await db
		.update(table.importBatch)
		.set({ status: 'discarded' })
		.where(
			and(
				eq(table.importBatch.id, batchId),
				eq(table.importBatch.status, 'staged'),
				actor ? eq(table.importBatch.createdBy, actor.id) : isNull(table.importBatch.createdBy)
			)
		);
}

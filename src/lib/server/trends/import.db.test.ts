import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { verifyAuditChain } from '$lib/server/audit';
import { readSpreadsheet } from '$lib/server/reference/spreadsheet';
import { confirmImport, previewImport, STAGE_TTL_MS } from './import';
import { getSeries } from './queries';
import { listIndicators } from './indicators';
import { createRegionTree, createStaff, type RegionTree } from './test-fixtures';

let database: TestDatabase;
let tree: RegionTree;
let actor: { id: number; label: string };
beforeAll(async () => {
	database = await createTestDatabase();
	tree = await createRegionTree(database.db);
	actor = await createStaff(database.db, 'importer@minping.test');
});
afterAll(() => database.dispose());

const header = ['指标', '区划代码', '年度', '数值', '排名', '参评数', '来源'];

async function xlsxOf(rows: (string | number)[][]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.addWorksheet('data').addRows(rows);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function preview(rows: (string | number)[][], scope: number[] | null = null) {
	const sheet = await readSpreadsheet(await xlsxOf(rows));
	return previewImport(database.db, sheet, { actor, fileName: 'figures.xlsx', scope });
}

async function credibilityOfCities() {
	const [credibility] = (await listIndicators(database.db)).filter((i) => i.key === 'credibility');
	return getSeries(database.db, {
		indicatorId: credibility.id,
		areaId: tree.province,
		level: 'city',
		fromYear: 2009,
		toYear: 2011,
		scope: null
	});
}

const jichuanRanks = [
	['选人用人公信度', '990800', 2009, 71.02, 17, 17, '全国组织工作满意度民意调查'],
	['credibility', '990800', 2010, '78.93', 9, 17, ''],
	['Credibility of cadre selection', '990800', '2011年', '84.36', 4, 17, '']
];

describe('previewImport', () => {
	it('reports every bad row and stages nothing', async () => {
		const result = await preview([
			header,
			['选人用人公信度', '999999', 2011, 80, 1, 17, ''],
			['选人用人公信度', '990100', 1800, 80, 1, 17, ''],
			['选人用人公信度', '990200', 2011, 'eighty', 1, 17, ''],
			['选人用人公信度', '990300', 2011, 80, 18, 17, ''],
			['选人用人公信度', '990400', 2011, 80, 2, 17, ''],
			['选人用人公信度', '990400', 2011, 81, 3, 17, ''],
			['幸福指数', '990500', 2011, 80, 3, 17, '']
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((issue) => [issue.row, issue.code])).toEqual([
			[2, 'unknown_region'],
			[3, 'bad_year'],
			[4, 'bad_value'],
			[5, 'rank_over_peers'],
			[7, 'duplicate_row'],
			[8, 'unknown_indicator']
		]);
		const staged = await database.db.select().from(table.importBatch);
		expect(staged).toHaveLength(0);
	});

	it('names the missing columns when the header row lacks them', async () => {
		const result = await preview([
			['indicator', 'year'],
			['credibility', 2011]
		]);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.issues.map((i) => i.column)).toEqual(['region_code', 'value']);
		}
	});

	it('refuses regions outside the importer’s scope', async () => {
		const result = await preview(
			[header, jichuanRanks[2], ['credibility', '990100', 2011, 80, 5, 17, '']],
			[tree.city, ...tree.districts]
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.issues.map((i) => [i.row, i.code])).toEqual([[3, 'out_of_scope']]);
	});
});

describe('confirmImport', () => {
	it('writes the 17 → 9 → 4 ranks after an explicit confirm, with an audit event', async () => {
		const result = await preview([header, ...jichuanRanks]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.replacements.map((r) => [r.year, r.incoming, r.existing])).toEqual([
			[2009, 1, 0],
			[2010, 1, 0],
			[2011, 1, 0]
		]);
		expect((await credibilityOfCities()).points).toHaveLength(0);
		const confirmed = await confirmImport(database.db, result.batchId, { actor, scope: null });
		expect(confirmed).toMatchObject({ ok: true, written: 3 });
		const series = await credibilityOfCities();
		expect(series.points.map((p) => [p.year, p.rank, p.peers, p.value])).toEqual([
			[2009, 17, 17, '71.02'],
			[2010, 9, 17, '78.93'],
			[2011, 4, 17, '84.36']
		]);
		const events = await database.db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'trends.import'));
		expect(events).toHaveLength(1);
		expect(await verifyAuditChain(database.db)).toBeNull();
	});

	it('confirms a batch only once', async () => {
		const result = await preview([header, jichuanRanks[0]]);
		if (!result.ok) throw new Error('preview failed');
		await confirmImport(database.db, result.batchId, { actor, scope: null });
		const again = await confirmImport(database.db, result.batchId, { actor, scope: null });
		expect(again).toEqual({ ok: false, reason: 'not_found' });
	});

	it('refuses someone else’s batch and an expired one', async () => {
		const result = await preview([header, jichuanRanks[0]]);
		if (!result.ok) throw new Error('preview failed');
		const other = await createStaff(database.db, 'other@minping.test');
		expect(await confirmImport(database.db, result.batchId, { actor: other, scope: null })).toEqual(
			{
				ok: false,
				reason: 'not_yours'
			}
		);
		const later = new Date(Date.now() + STAGE_TTL_MS + 60_000);
		expect(
			await confirmImport(database.db, result.batchId, { actor, scope: null, now: later })
		).toEqual({ ok: false, reason: 'expired' });
	});

	it('replaces a re-imported year of the peer group and leaves other years alone', async () => {
		const result = await preview([
			header,
			['credibility', '990800', 2011, '84.40', 4, 17, 'corrected'],
			['credibility', '990100', 2011, '90.00', 1, 17, 'corrected']
		]);
		if (!result.ok) throw new Error('preview failed');
		expect(result.replacements).toEqual([
			{ indicatorKey: 'credibility', year: 2011, parentCode: '990000', incoming: 2, existing: 1 }
		]);
		const confirmed = await confirmImport(database.db, result.batchId, { actor, scope: null });
		expect(confirmed.ok && confirmed.replaced).toEqual([
			{ indicatorKey: 'credibility', year: 2011, parentCode: '990000', removed: 1 }
		]);
		const series = await credibilityOfCities();
		expect(series.points.map((p) => [p.regionId, p.year, p.value])).toEqual([
			[tree.cities[0], 2011, '90.00'],
			[tree.city, 2009, '71.02'],
			[tree.city, 2010, '78.93'],
			[tree.city, 2011, '84.40']
		]);
	});

	it('ranks district scores among their city’s districts when the file gives no ranks', async () => {
		const rows = tree.districtCodes
			.slice(0, 3)
			.map((code, i) => ['credibility', code, 2020, 80 + i, '', '', '']);
		const result = await preview([header, ...rows]);
		if (!result.ok) throw new Error('preview failed');
		await confirmImport(database.db, result.batchId, { actor, scope: null });
		const values = await database.db
			.select({
				regionId: table.indicatorValue.regionId,
				rank: table.indicatorValue.rank,
				peers: table.indicatorValue.peers
			})
			.from(table.indicatorValue)
			.where(eq(table.indicatorValue.year, 2020));
		const byRegion = new Map(values.map((v) => [v.regionId, [v.rank, v.peers]]));
		expect(tree.districts.slice(0, 3).map((id) => byRegion.get(id))).toEqual([
			[3, 3],
			[2, 3],
			[1, 3]
		]);
	});
});

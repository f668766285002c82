import ExcelJS from 'exceljs';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import {
	cadreRows,
	csvOf,
	regionRows,
	unitRows,
	xlsxOf,
	type Cell
} from '../../../../test/fixtures/reference/sheets';
import * as table from '$lib/server/db/schema';
import type { ReferenceEntity } from '$lib/domain/reference-import';
import { verifyAuditChain } from '$lib/server/audit';
import { exportReference } from './export';
import { importReferenceRows, type ImportReport } from './import';
import { readSpreadsheet } from './spreadsheet';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const actor = { id: 1, label: 'tester' };

async function importRows(
	entity: ReferenceEntity,
	rows: Cell[][],
	skipBadRows = false
): Promise<ImportReport> {
	const sheet = await readSpreadsheet(await xlsxOf(rows));
	return importReferenceRows(database.db, entity, sheet, { skipBadRows, actor, scope: null });
}

async function regionCodes(prefix: string): Promise<string[]> {
	const rows = await database.db
		.select({ code: table.region.code })
		.from(table.region)
		.where(like(table.region.code, `${prefix}%`))
		.orderBy(table.region.code);
	return rows.map((r) => r.code);
}

/** A roster as a government office makes it: a merged title, a date line, 序号 and 备注 columns. */
async function governmentRoster(prefix: string): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('干部名册');
	sheet.addRow([`${prefix}区科级干部名册`]);
	sheet.mergeCells('A1:H1');
	sheet.addRow(['', '', '', '', '', '', '填报日期：2026年3月1日', '']);
	sheet.addRow(['序号', '工号', '姓名', '单位代码', '职务', '级别', '任职时间', '备注']);
	sheet.addRow([1, `${prefix}-G1`, '赵敏', `${prefix}-U1`, '副局长', '副处级', '2020-01-06', '']);
	sheet.addRow([2, `${prefix}-G2`, '钱磊', `${prefix}-U2`, '科长', '正科级', '', '挂职']);
	sheet.addRow([3, `${prefix}-G3`, '孙丽', `${prefix}-U2`, '副科长', '副科级', '', '']);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('importing reference data', () => {
	it('imports a province, its city and districts from one file, parents before children', async () => {
		const report = await importRows('region', regionRows('A'));
		expect(report).toEqual({
			ok: true,
			created: 4,
			updated: 0,
			unchanged: 0,
			skipped: 0,
			issues: [],
			warnings: []
		});
		const [district] = await database.db
			.select()
			.from(table.region)
			.where(eq(table.region.code, 'A0101'));
		const [city] = await database.db
			.select()
			.from(table.region)
			.where(eq(table.region.code, 'A01'));
		expect(district.parentId).toBe(city.id);
		expect(district.level).toBe('district');
	});

	it('reads a government roster: skips the title rows, leaves 序号/备注 out, maps 正/副 ranks', async () => {
		await importRows('region', regionRows('G'));
		expect(await importRows('unit', unitRows('G'))).toMatchObject({ ok: true, created: 3 });
		const sheet = await readSpreadsheet(await governmentRoster('G'));
		const report = await importReferenceRows(database.db, 'cadre', sheet, {
			skipBadRows: false,
			actor,
			scope: null
		});
		expect(report).toMatchObject({ ok: true, created: 3, issues: [] });
		expect(report.warnings).toEqual([
			{ row: 1, column: null, code: 'title_rows_skipped', params: { rows: '1, 2', header: 3 } },
			{ row: 3, column: null, code: 'ignored_column', params: { header: '序号' } },
			{ row: 3, column: null, code: 'ignored_column', params: { header: '备注' } }
		]);
		const cadres = await database.db
			.select({ code: table.cadre.code, level: table.cadre.level })
			.from(table.cadre)
			.where(like(table.cadre.code, 'G-G%'))
			.orderBy(table.cadre.code);
		expect(cadres).toEqual([
			{ code: 'G-G1', level: 'county' },
			{ code: 'G-G2', level: 'section' },
			{ code: 'G-G3', level: 'section' }
		]);
	});

	it('imports units with a window under an earlier row, then cadres, from CSV too', async () => {
		expect(await importRows('unit', unitRows('A'))).toMatchObject({ ok: true, created: 3 });
		const sheet = await readSpreadsheet(csvOf(cadreRows('A')));
		const report = await importReferenceRows(database.db, 'cadre', sheet, {
			skipBadRows: false,
			scope: null,
			actor
		});
		expect(report).toMatchObject({ ok: true, created: 2 });
		const [cadre] = await database.db
			.select()
			.from(table.cadre)
			.where(eq(table.cadre.code, 'A-C2'));
		expect(cadre).toMatchObject({
			midLevel: true,
			birthMonth: '1983-11',
			appointedOn: '2021-07-15'
		});
	});

	it('updates records whose code exists and leaves identical ones alone', async () => {
		const rows = regionRows('A');
		rows[2] = ['A01', 'A市（新名）', '市', 'A00'];
		const report = await importRows('region', rows);
		expect(report).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 3 });
		const [city] = await database.db
			.select()
			.from(table.region)
			.where(eq(table.region.code, 'A01'));
		expect(city.name).toBe('A市（新名）');
	});

	it('writes nothing and reports every bad row when any row is bad', async () => {
		const before = await database.db.select().from(table.auditEvent);
		const report = await importRows('region', [
			['代码', '名称', '层级', '上级代码'],
			['B00', 'B省', '省', ''],
			['B01', 'B市', '市', 'NOPE'],
			['B02', '', '直辖市', 'B00'],
			['B0101', 'B东区', '区县', 'B00'],
			['B00', 'B省重复', '省', '']
		]);
		expect(report.ok).toBe(false);
		expect(report.issues.map((i) => [i.row, i.column, i.code])).toEqual([
			[3, 'parent_code', 'parent_not_found'],
			[4, 'name', 'required'],
			[4, 'level', 'invalid_level'],
			[5, 'parent_code', 'parent_wrong_level'],
			[6, 'code', 'duplicate_in_file']
		]);
		expect(report.issues[3].params).toEqual({ code: 'B00', level: 'province', expected: 'city' });
		expect(await regionCodes('B')).toEqual([]);
		expect(await database.db.select().from(table.auditEvent)).toHaveLength(before.length);
	});

	it('imports the good rows and lists the skipped ones when asked to skip bad rows', async () => {
		const report = await importRows(
			'region',
			[
				['代码', '名称', '层级', '上级代码'],
				['C00', 'C省', '省', ''],
				['C01', 'C市', '乡镇', 'C00'],
				['C0101', 'C东区', '区县', 'C01'],
				['C02', 'C二市', '市', 'C00']
			],
			true
		);
		expect(report).toMatchObject({ ok: true, created: 2, skipped: 2 });
		expect(report.issues.map((i) => [i.row, i.code])).toEqual([
			[3, 'parent_wrong_level'],
			[4, 'parent_row_invalid']
		]);
		expect(await regionCodes('C')).toEqual(['C00', 'C02']);
	});

	it('keeps a stored parent usable when its own row in the file is bad and skipped', async () => {
		const report = await importRows(
			'region',
			[
				['代码', '名称', '层级', '上级代码'],
				['A01', '', '市', 'A00'],
				['A0103', 'A南区', '区县', 'A01']
			],
			true
		);
		expect(report).toMatchObject({ ok: true, created: 1, skipped: 1 });
		expect(report.issues.map((i) => [i.row, i.code])).toEqual([[2, 'required']]);
	});

	it('refuses a window under a window, a unit in a missing region and a cadre in a missing unit', async () => {
		const units = await importRows('unit', [
			['代码', '名称', '类型', '所属区划代码', '所属单位代码'],
			['D-W', '窗口下的窗口', '服务窗口', 'A01', 'A-W1'],
			['D-U', '无区划单位', '部门', 'ZZ', '']
		]);
		expect(units.issues.map((i) => i.code)).toEqual(['parent_unit_is_window', 'region_not_found']);
		const cadres = await importRows('cadre', [
			['code', 'name', 'unit_code', 'position', 'level'],
			['D-C', '赵六', 'NO-UNIT', '科员', 'section']
		]);
		expect(cadres.issues.map((i) => i.code)).toEqual(['unit_not_found']);
	});

	it('reports header problems on the header row and imports nothing', async () => {
		const report = await importRows('unit', [['代码', '名称', '备注']]);
		expect(report.ok).toBe(false);
		expect(report.issues.map((i) => i.code)).toEqual(['missing_column', 'missing_column']);
		expect(report.warnings.map((i) => i.code)).toEqual(['ignored_column']);
		const empty = await importRows('unit', [['代码', '名称', '类型', '所属区划代码']]);
		expect(empty.issues.map((i) => i.code)).toEqual(['empty_file']);
	});

	it('records one audit event per import with its counts, keeping the chain intact', async () => {
		const events = await database.db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'region.import'));
		expect(events.map((e) => e.details)).toContainEqual({
			created: 4,
			updated: 0,
			unchanged: 0,
			skipped: 0,
			fileName: null
		});
		expect(await verifyAuditChain(database.db)).toBeNull();
	});

	it('answers two simultaneous imports of the same new codes without an error', async () => {
		const reports = await Promise.all([
			importRows('region', regionRows('R')),
			importRows('region', regionRows('R'))
		]);
		expect(reports.some((r) => r.ok && r.created === 4)).toBe(true);
		for (const report of reports) {
			// Serialized (PGlite) the second finds the rows and changes nothing; interleaved
			// (PostgreSQL) it may lose the race on the unique index and say so.
			const fine =
				(report.ok && (report.created === 4 || report.unchanged === 4)) ||
				(!report.ok && report.issues[0].code === 'concurrent_change');
			expect(fine).toBe(true);
		}
		expect(await regionCodes('R')).toHaveLength(4);
	});

	for (const format of ['xlsx', 'csv'] as const) {
		for (const language of ['zh', 'en'] as const) {
			it(`re-imports its own ${format} export (${language} headers) without a change`, async () => {
				for (const entity of ['region', 'unit', 'cadre'] as const) {
					const bytes = await exportReference(database.db, entity, format, language, null);
					const sheet = await readSpreadsheet(bytes);
					const report = await importReferenceRows(database.db, entity, sheet, {
						skipBadRows: false,
						scope: null,
						actor
					});
					expect(report).toMatchObject({ ok: true, created: 0, updated: 0, issues: [] });
				}
			});
		}
	}
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { defaultCompositionRule, meetsShare } from '$lib/domain/jury-composition';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { importRecommendations } from './import';
import { countComposition, listRoster } from './queries';
import { createPlace, createStaff } from './test-fixtures';
import { appointApproved } from './terms';

let database: TestDatabase;
let staff: { id: number; label: string };

beforeAll(async () => {
	database = await createTestDatabase();
	await createPlace(database.db);
	staff = await createStaff(database.db);
});
afterAll(async () => {
	await database?.dispose();
});

const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
const header = '姓名,手机号,区县,类别,工作单位,单位代码,推荐单位';

describe('recommendation import', () => {
	it('refuses a file with bad rows, naming each row and field, and writes nothing', async () => {
		const result = await importRecommendations(
			database.db,
			'jury',
			csv([
				header,
				'张三,13900000001,370811,企业职工,某厂,,市总工会',
				'李四,12345,370811,企业职工,,,市总工会',
				'王五,13900000003,999999,学生,,U-NONE,',
				'赵六,13900000001,任城区,个体工商户,,,市工商联'
			]),
			staff
		);
		expect(result).toEqual({
			ok: false,
			missingColumns: [],
			errors: [
				{ row: 3, field: 'phone', code: 'phone_format' },
				{ row: 4, field: 'district', code: 'unknown_district' },
				{ row: 4, field: 'employerUnitCode', code: 'unknown_unit' },
				{ row: 4, field: 'category', code: 'unknown_category' },
				{ row: 4, field: 'recommender', code: 'required' },
				{ row: 5, field: 'phone', code: 'duplicate_in_file' }
			]
		});
		expect(await database.db.select().from(table.juror)).toEqual([]);
	});

	it('names the columns a file lacks', async () => {
		const result = await importRecommendations(
			database.db,
			'jury',
			csv(['姓名,手机号', '张三,13900000001']),
			staff
		);
		expect(result).toEqual({
			ok: false,
			missingColumns: ['district', 'category', 'recommender'],
			errors: []
		});
	});

	it('builds a 1000-member roster from an XLSX file and appoints it under the 80% rule', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('推荐名单');
		sheet.addRow([
			'name',
			'phone',
			'district',
			'category',
			'employer',
			'employer_unit_code',
			'recommender'
		]);
		const categories = [
			'enterprise_staff',
			'individual_business',
			'citizen_representative',
			'npc_deputy'
		];
		for (let i = 0; i < 1000; i++) {
			// 25% deputies: more than the rule allows, so some must wait.
			sheet.addRow([
				`评议员${i}`,
				`137${String(i).padStart(8, '0')}`,
				'370811',
				categories[i % 4],
				'',
				i % 7 ? '' : 'U-TAX',
				'市委组织部'
			]);
		}
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		expect(await importRecommendations(database.db, 'jury', bytes, staff)).toEqual({
			ok: true,
			imported: 1000
		});
		const again = await importRecommendations(database.db, 'jury', bytes, staff);
		expect(again.ok === false && again.errors.length).toBe(1000);

		const approved = await listRoster(
			database.db,
			{ roster: 'jury', status: 'approved' },
			{ limit: 2000 }
		);
		const { appointed, refused } = await appointApproved(
			database.db,
			approved.map((row) => row.id),
			'2026-01-01',
			staff
		);
		// 750 counted allow floor(750 / 4) = 187 others at 80%.
		expect(appointed).toHaveLength(937);
		expect(refused).toHaveLength(63);
		const counts = await countComposition(database.db, defaultCompositionRule);
		expect(counts).toMatchObject({ counted: 750, total: 937 });
		expect(meetsShare(counts, defaultCompositionRule.minShare)).toBe(true);
	}, 300_000);
});

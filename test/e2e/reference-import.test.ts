import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionRows, unitRows, xlsxOf, type Cell } from '../fixtures/reference/sheets';
import { launchBrowser, openPage } from './support/browser';
import { signIn } from './support/staff';

// Codes of our own, so the test does not depend on (or collide with) the demo data.
const prefix = 'E2EREF';

let browser: Browser;
let folder: string;
beforeAll(async () => {
	browser = await launchBrowser();
	folder = mkdtempSync(join(tmpdir(), 'minping-reference-'));
});
afterAll(async () => {
	await browser?.close();
	rmSync(folder, { recursive: true, force: true });
});

async function writeXlsx(name: string, rows: Cell[][]): Promise<string> {
	const path = join(folder, name);
	writeFileSync(path, await xlsxOf(rows));
	return path;
}

async function signedInPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
	const page = await openPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
	await signIn(page, '/reference/import');
	return page;
}

async function upload(page: Page, entity: string, file: string) {
	await page.getByLabel('数据类型').selectOption(entity);
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
}

describe('importing reference data through the browser', () => {
	it('imports regions then units from XLSX files and finds the units in the list', async () => {
		const page = await signedInPage();
		await upload(page, 'region', await writeXlsx('regions.xlsx', regionRows(prefix)));
		await expect.poll(() => page.locator('.alert.success').textContent()).toContain('新增 4 条');

		await upload(page, 'unit', await writeXlsx('units.xlsx', unitRows(prefix)));
		await expect
			.poll(() => page.locator('.alert.success').textContent())
			.toMatch(/导入成功（单位）：新增 3 条/);

		await page.goto(`/reference/units?q=${prefix}`);
		const table = await page.locator('table.data').textContent();
		expect(table).toContain(`${prefix}-U1`);
		expect(table).toContain(`${prefix}市场监管登记窗口`);
		expect(table).toContain('服务窗口');

		const exported = await page.request.get('/reference/units/export?format=csv');
		expect(exported.status()).toBe(200);
		expect(exported.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(exported.headers()['content-disposition']).toMatch(
			/^attachment; filename="units-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		expect(await exported.text()).toContain(`${prefix}-W1,${prefix}市场监管登记窗口,服务窗口`);
		await page.context().close();
	});

	it('shows each bad row with its problem, answers 422 and imports nothing, without JavaScript', async () => {
		const page = await signedInPage({ javaScriptEnabled: false });
		const bad = await writeXlsx('bad-units.xlsx', [
			['代码', '名称', '类型', '所属区划代码', '所属单位代码'],
			[`${prefix}-OK`, '本应导入的单位', '部门', `${prefix}01`, ''],
			[`${prefix}-B1`, '类型错误', '机关', `${prefix}01`, ''],
			[`${prefix}-B2`, '', '部门', `${prefix}01`, ''],
			[`${prefix}-B3`, '无区划的单位', '部门', 'NO-SUCH-REGION', '']
		]);
		await page.getByLabel('数据类型').selectOption('unit');
		await page.locator('input[name="file"]').setInputFiles(bad);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click()
		]);
		expect(response.status()).toBe(422);
		await page.waitForLoadState();
		expect(await page.getByRole('alert').textContent()).toContain('没有导入任何数据');
		const rows = await page.locator('table.issues tbody tr').allTextContents();
		expect(rows).toHaveLength(3);
		expect(rows[0]).toContain('3');
		expect(rows[0]).toContain('类型“机关”无效');
		expect(rows[1]).toMatch(/^4名称/);
		expect(rows[2]).toContain('区划 NO-SUCH-REGION 不存在');

		await page.goto(`/reference/units?q=${prefix}-OK`);
		expect(await page.locator('main').textContent()).toContain('没有符合条件的记录');
		await page.context().close();
	});

	// Uses the units imported by the first test (tests in a file run in order).
	it('edits an imported unit and refuses to archive it while its window is active', async () => {
		const page = await signedInPage();
		await page.goto(`/reference/units?q=${prefix}-U1`);
		await page.getByRole('link', { name: `${prefix}-U1` }).click();
		await page.waitForURL('**/reference/units/*');

		await page.getByRole('button', { name: '归档' }).click();
		await expect
			.poll(() => page.locator('.archive [role="alert"]').textContent())
			.toContain('还有 1 个未归档的下级记录');

		await page.getByLabel('名称').fill(`${prefix}市市场监管局（改）`);
		await page.getByRole('button', { name: '保存' }).click();
		await page.waitForURL('**?saved=1');
		expect(await page.getByRole('status').textContent()).toBe('已保存。');
		expect(await page.getByLabel('名称').inputValue()).toBe(`${prefix}市市场监管局（改）`);
		await page.context().close();
	});

	it('imports a government roster with a title row, 序号/备注 columns and 正/副 ranks, without JavaScript', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名册');
		sheet.addRow([`${prefix}市科级干部名册`]);
		sheet.mergeCells('A1:G1');
		sheet.addRow(['序号', '工号', '姓名', '单位代码', '职务', '级别', '备注']);
		sheet.addRow([1, `${prefix}-G1`, '名册副局长', `${prefix}-U1`, '副局长', '副处级', '']);
		sheet.addRow([2, `${prefix}-G2`, '名册科长', `${prefix}-U2`, '科长', '正科级', '挂职']);
		const path = join(folder, 'roster.xlsx');
		writeFileSync(path, new Uint8Array(await workbook.xlsx.writeBuffer()));

		const page = await signedInPage({ javaScriptEnabled: false });
		await page.getByLabel('数据类型').selectOption('cadre');
		await page.locator('input[name="file"]').setInputFiles(path);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click()
		]);
		expect(response.status()).toBe(200);
		await page.waitForLoadState();
		expect(await page.locator('.alert.success').textContent()).toContain('新增 2 条');
		const notes = await page.getByTestId('import-warnings').textContent();
		expect(notes).toContain('视为标题，已跳过');
		expect(notes).toContain('“序号”列未导入');
		expect(notes).toContain('“备注”列未导入');

		await page.goto(`/reference/cadres?q=${prefix}-G`);
		const table = await page.locator('table.data').textContent();
		expect(table).toContain('名册副局长');
		expect(table).toContain('名册科长');
		await page.context().close();
	});

	it('marks a cadre as the unit’s principal leader without JavaScript, and lists and exports it', async () => {
		const page = await signedInPage({ javaScriptEnabled: false });
		await page.goto('/reference/cadres/new');
		await page.getByLabel('工号').fill(`${prefix}-C1`);
		await page.getByLabel('姓名').fill('测试局长');
		await page.getByLabel('单位代码').fill(`${prefix}-U1`);
		await page.getByLabel('职务').fill('局长');
		await page.getByLabel('级别').selectOption('county');
		await page.getByLabel('单位主要负责人（书记或行政正职）').check();
		await page.getByRole('button', { name: '创建' }).click();
		await page.waitForURL('**/reference/cadres/*?created=1');
		expect(await page.getByLabel('单位主要负责人（书记或行政正职）').isChecked()).toBe(true);

		await page.goto(`/reference/cadres?q=${prefix}-C1`);
		expect(await page.locator('table.data').textContent()).toMatch(/局长\s· 主要负责人/);
		const exported = await page.request.get('/reference/cadres/export?format=csv');
		const csv = await exported.text();
		expect(csv.split('\r\n')[0]).toContain('中层,主要负责人');
		expect(csv).toMatch(new RegExp(`${prefix}-C1,测试局长,${prefix}-U1,局长,处级,否,是`));
		await page.context().close();
	});
});

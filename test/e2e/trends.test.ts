import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxOf, type Cell } from '../fixtures/reference/sheets';
import { launchBrowser, openPage } from './support/browser';
import { signIn } from './support/staff';

// Regions of our own, so the test runs the same on PGlite (demo seeded) and PostgreSQL (empty).
const prefix = 'E2ETR';
const city = `${prefix}08`;

let browser: Browser;
let folder: string;
// The dashboard view the first test ends on, re-read without JavaScript by the second.
let dashboardUrl = '';
beforeAll(async () => {
	browser = await launchBrowser();
	folder = mkdtempSync(join(tmpdir(), 'minping-trends-'));
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

async function importRegions(page: Page) {
	await page.goto('/reference/import', { waitUntil: 'networkidle' });
	const file = await writeXlsx('regions.xlsx', [
		['代码', '名称', '层级', '上级代码'],
		[`${prefix}00`, `${prefix}省`, '省', ''],
		[`${prefix}01`, `${prefix}一市`, '市', `${prefix}00`],
		[city, `${prefix}济川市`, '市', `${prefix}00`]
	]);
	await page.locator('select[name="entity"]').selectOption('region');
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
	await expect.poll(() => page.locator('.alert.success').count()).toBe(1);
}

describe('trend dashboards in the browser', () => {
	it('imports the 17 → 9 → 4 credibility ranks from XLSX and shows them in the rank table', async () => {
		const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
		await signIn(page, '/trends/import');
		await importRegions(page);

		await page.goto('/trends/import', { waitUntil: 'networkidle' });
		const file = await writeXlsx('credibility.xlsx', [
			['指标', '区划代码', '年度', '数值', '排名', '参评数', '来源'],
			['选人用人公信度', city, 2009, 71.02, 17, 17, '全国组织工作满意度民意调查'],
			['选人用人公信度', city, 2010, 78.93, 9, 17, '全国组织工作满意度民意调查'],
			['选人用人公信度', city, 2011, 84.36, 4, 17, '全国组织工作满意度民意调查'],
			['选人用人公信度', `${prefix}01`, 2011, 80.5, 8, 17, '全国组织工作满意度民意调查']
		]);
		await page.locator('input[name="file"]').setInputFiles(file);
		await page.locator('form[action="?/preview"] button[type="submit"]').click();
		await expect.poll(() => page.locator('#preview-rows tbody tr').count()).toBe(4);
		await page.locator('form[action="?/confirm"] button[type="submit"]').click();
		await page.waitForURL('**/trends/import?confirmed=*');
		expect(await page.locator('.alert.success').textContent()).toContain('已导入4行');

		await page.goto('/trends', { waitUntil: 'networkidle' });
		await page.locator('select[name="indicator"]').selectOption('credibility');
		await page.locator('select[name="region"]').selectOption({ label: `${prefix}省` });
		await page.locator('select[name="level"]').selectOption('city');
		await page.locator('input[name="from"]').fill('2009');
		await page.locator('input[name="to"]').fill('2011');
		await page.locator('form.filters button[type="submit"]').click();
		await page.waitForURL('**/trends?*from=2009*');

		const row = page.locator(`#rank-table tr[data-region="${city}"]`);
		expect((await row.locator('td.rank').allTextContents()).map((text) => text.trim())).toEqual([
			'17（17）',
			'9（17）',
			'4（17）'
		]);
		expect(await row.locator('td.path').textContent()).toBe('17 → 9 → 4');
		expect(await page.locator('#values-table').textContent()).toContain('84.36');
		// The charts come up in the browser: one canvas per chart.
		await expect.poll(() => page.locator('#ranks canvas').count()).toBeGreaterThan(0);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('#ranks button.png').click()
		]);
		expect(download.suggestedFilename()).toBe('trends-credibility-ranks-2009-2011.png');
		dashboardUrl = page.url();

		const csv = await page.request.get(
			`/trends/export.csv?${new URL(page.url()).search.slice(1)}&table=ranks`
		);
		expect(csv.status()).toBe(200);
		// The 来源 column gives the document the file named; imported/computed stands beside it.
		expect(await csv.text()).toContain(
			`${city},${prefix}济川市,2011,84.36,4,17,全国组织工作满意度民意调查,imported`
		);
		// The dashboard names it too, once, under every chart and table that shows these values.
		for (const section of ['lines', 'ranks', 'changes', 'heatmap', 'multiples']) {
			expect(await page.locator(`#${section} .sources li`).allTextContents()).toEqual([
				'全国组织工作满意度民意调查'
			]);
		}

		// The same view's data as JSON, for the same reader.
		const api = await page.request.get(`/api/trends/series${new URL(page.url()).search}`);
		expect(api.status()).toBe(200);
		const data = (await api.json()) as {
			indicator: { key: string };
			regions: { id: number; code: string }[];
			points: { regionId: number; year: number; value: string; rank: number; peers: number }[];
		};
		expect(data.indicator.key).toBe('credibility');
		const jichuan = data.regions.find((r) => r.code === city);
		expect(
			data.points.filter((p) => p.regionId === jichuan?.id).map((p) => [p.year, p.value, p.rank])
		).toEqual([
			[2009, '71.02', 17],
			[2010, '78.93', 9],
			[2011, '84.36', 4]
		]);
		// A poller that sends the last ETag gets 304 and no body while nothing changed.
		const etag = api.headers()['etag'];
		expect(etag).toMatch(/^"[\w-]+"$/);
		const seriesUrl = `/api/trends/series${new URL(page.url()).search}`;
		const same = await page.request.get(seriesUrl, { headers: { 'if-none-match': etag } });
		expect(same.status()).toBe(304);
		expect((await same.body()).length).toBe(0);
		expect(same.headers()['etag']).toBe(etag);
		const other = await page.request.get(seriesUrl, { headers: { 'if-none-match': '"old"' } });
		expect(other.status()).toBe(200);
		expect(await other.text()).toBe(await api.text());
		await page.context().close();

		// Nobody signed in: no data.
		const anonymous = await openPage(browser);
		const refused = await anonymous.request.get('/api/trends/series', { maxRedirects: 0 });
		expect([302, 303, 401, 403]).toContain(refused.status());
		await anonymous.context().close();
	});

	it('shows the same rank table without JavaScript', async () => {
		expect(dashboardUrl).not.toBe('');
		const page = await openPage(browser, {
			viewport: { width: 1280, height: 900 },
			javaScriptEnabled: false
		});
		await signIn(page, '/trends');
		await page.goto(dashboardUrl);
		const row = page.locator(`#rank-table tr[data-region="${city}"]`);
		expect(await row.locator('td.path').textContent()).toBe('17 → 9 → 4');
		expect(await page.locator('canvas').count()).toBe(0);
		await page.context().close();
	});

	it('keeps the tables readable on a phone, a tablet and a desktop', async () => {
		expect(dashboardUrl).not.toBe('');
		// 26 years: wider than any of these screens.
		const wide = dashboardUrl.replace(/from=\d+/, 'from=2000').replace(/to=\d+/, 'to=2025');
		const page = await openPage(browser, { viewport: { width: 1440, height: 900 } });
		await signIn(page, '/trends');
		for (const [width, height] of [
			[390, 844],
			[768, 1024],
			[1440, 900]
		]) {
			await page.setViewportSize({ width, height });
			await page.goto(wide, { waitUntil: 'networkidle' });
			const region = page.getByRole('region', { name: /选人用人公信度，2000–2025年/ });
			expect(await region.getAttribute('tabindex')).toBe('0');
			const layout = await region.evaluate((scroller) => {
				const names = [...scroller.querySelectorAll('tbody th[scope="row"]')];
				const caption = document.getElementById('values-table-caption') as HTMLElement;
				return {
					// Each region name on one line, not one character per line.
					linesPerName: names.map((th) => {
						const text = [...th.querySelectorAll('*'), th]
							.flatMap((el) => [...el.childNodes])
							.find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
						const range = document.createRange();
						range.selectNodeContents(text as Node);
						return range.getClientRects().length;
					}),
					overflows: scroller.scrollWidth > scroller.clientWidth,
					pageOverflows: document.documentElement.scrollWidth > window.innerWidth,
					captionFits:
						caption.scrollWidth <= caption.clientWidth &&
						caption.getBoundingClientRect().right <= window.innerWidth
				};
			});
			expect(layout.linesPerName.length).toBeGreaterThan(0);
			expect(layout.linesPerName.every((lines) => lines === 1)).toBe(true);
			expect(layout).toMatchObject({ overflows: true, pageOverflows: false, captionFits: true });

			// A keyboard scrolls the table to its last year; the names stay in view at the left.
			await region.focus();
			await page.keyboard.press('ArrowRight');
			await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
			await region.evaluate((el) => (el.scrollLeft = el.scrollWidth));
			const edges = await region.evaluate((scroller) => {
				const box = scroller.getBoundingClientRect();
				const last = scroller.querySelector('thead th:last-child') as HTMLElement;
				const name = scroller.querySelector('tbody th[scope="row"]') as HTMLElement;
				return {
					lastRight: last.getBoundingClientRect().right - box.right,
					nameLeft: name.getBoundingClientRect().left - box.left
				};
			});
			expect(Math.abs(edges.lastRight)).toBeLessThan(2);
			expect(Math.abs(edges.nameLeft)).toBeLessThan(2);
		}
		await page.context().close();
	});
});

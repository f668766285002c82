import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { signIn } from './support/staff';

let browser: Browser;
beforeAll(async () => {
	await ensureReferenceData(inject('databaseUrl'));
	browser = await launchBrowser();
});

/**
 * The embedded database starts with the demo province; a PostgreSQL test database starts empty,
 * so it gets a region, two units and four cadres, two of them 办公室主任 of different units, one
 * who is not mid-level in a unit with a mid-level one, and a city below the province with a unit
 * and a cadre of its own (for the pickers' filters).
 */
async function ensureReferenceData(databaseUrl: string) {
	if (!databaseUrl) return;
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const [{ n }] = await sql`select count(*)::int as n from cadre where archived_at is null`;
		if (n >= 3) return;
		const [region] = await sql`
			insert into region (code, name, level) values ('E2E-NEW', 'E2E 省', 'province')
			on conflict (code) do update set name = excluded.name returning id`;
		const units = await sql`
			insert into unit (code, name, kind, region_id) values
				('E2E-NEW-1', 'E2E 税务局', 'department', ${region.id}),
				('E2E-NEW-2', 'E2E 医保局', 'department', ${region.id})
			on conflict (code) do update set name = excluded.name returning id`;
		const [city] = await sql`
			insert into region (code, name, level, parent_id) values ('E2E-NEW-CITY', 'E2E 市', 'city', ${region.id})
			on conflict (code) do update set name = excluded.name returning id`;
		const [cityUnit] = await sql`
			insert into unit (code, name, kind, region_id) values ('E2E-NEW-3', 'E2E 市场局', 'department', ${city.id})
			on conflict (code) do update set name = excluded.name returning id`;
		await sql`
			insert into cadre (code, name, unit_id, position, level, mid_level) values
				('E2E-NEW-C5', 'E2E 孙七', ${cityUnit.id}, '科长', 'section', true),
				('E2E-NEW-C1', 'E2E 张三', ${units[0].id}, '办公室主任', 'section', true),
				('E2E-NEW-C2', 'E2E 李四', ${units[1].id}, '办公室主任', 'section', true),
				('E2E-NEW-C3', 'E2E 王五', ${units[1].id}, '副局长', 'county', true),
				('E2E-NEW-C4', 'E2E 赵六', ${units[0].id}, '科员', 'section', false)`;
	} finally {
		await sql.end();
	}
}
afterAll(() => browser?.close());

async function newCampaignPage(javaScriptEnabled: boolean): Promise<Page> {
	const page = await openPage(browser, {
		viewport: { width: 1280, height: 900 },
		javaScriptEnabled
	});
	await signIn(page, '/campaigns/new');
	return page;
}

/** A 十佳十差 with two cadres, a region, the jury and a window that ends before it starts. */
async function fillRefusedForm(page: Page) {
	await page.locator('input[name="kind"][value="top_bottom_ten"]').check();
	await page.getByLabel('标题').fill('E2E 回填');
	const region = page.locator('select[name="regionId"] option').nth(1);
	const regionId = (await region.getAttribute('value')) ?? '';
	await page.locator('select[name="regionId"]').selectOption(regionId);
	await page.locator('input[name="electorateSource"][value="jury"]').check();
	await page.locator('input[name="opensAt"]').fill('2026-12-02T09:00');
	await page.locator('input[name="closesAt"]').fill('2026-12-01T09:00');
	const cadres = page.locator('input[name="cadreIds"]');
	const ticked = [
		(await cadres.nth(0).getAttribute('value')) ?? '',
		(await cadres.nth(2).getAttribute('value')) ?? ''
	];
	await cadres.nth(0).check();
	await cadres.nth(2).check();
	await page.getByRole('button', { name: '创建草稿' }).click();
	await page.getByRole('alert').waitFor();
	return { regionId, ticked };
}

describe('the new-campaign form', () => {
	it('shows each cadre with their unit and position', async () => {
		const page = await newCampaignPage(false);
		const detail = page
			.locator('input[name="cadreIds"]')
			.first()
			.locator('xpath=..')
			.locator('small');
		expect(await detail.textContent()).toMatch(/^\S.* · \S+/);
		await page.context().close();
	});

	it('without JavaScript, refills everything entered after a refusal', async () => {
		const page = await newCampaignPage(false);
		const { regionId, ticked } = await fillRefusedForm(page);
		expect(await page.getByRole('alert').textContent()).toContain('时间');
		expect(await page.locator('input[name="kind"][value="top_bottom_ten"]').isChecked()).toBe(true);
		expect(await page.getByLabel('标题').inputValue()).toBe('E2E 回填');
		expect(await page.locator('select[name="regionId"]').inputValue()).toBe(regionId);
		expect(await page.locator('input[name="electorateSource"][value="jury"]').isChecked()).toBe(
			true
		);
		expect(await page.locator('input[name="opensAt"]').inputValue()).toBe('2026-12-02T09:00');
		expect(await page.locator('input[name="closesAt"]').inputValue()).toBe('2026-12-01T09:00');
		const checked = await page
			.locator('input[name="cadreIds"]:checked')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		expect(checked).toEqual(ticked);
		await page.context().close();
	});

	it('with JavaScript, moves focus to the error at the top of the form', async () => {
		const page = await newCampaignPage(true);
		await page.waitForLoadState('networkidle');
		await fillRefusedForm(page);
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
			.toBe('alert');
		expect(await page.getByRole('alert').isVisible()).toBe(true);
		const top = await page.getByRole('alert').evaluate((el) => el.getBoundingClientRect().top);
		expect(top).toBeGreaterThanOrEqual(0);
		expect(top).toBeLessThan(900);
		await page.context().close();
	});

	it.each([true, false])(
		'narrows cadres by unit and mid-level, selects all shown and creates exactly those (JavaScript %s)',
		async (javaScriptEnabled) => {
			const page = await newCampaignPage(javaScriptEnabled);
			const picker = page.getByRole('group', { name: '干部', exact: true });
			await page.locator('input[name="kind"][value="top_bottom_ten"]').check();
			await page.getByLabel('标题').fill(`E2E 筛选 ${javaScriptEnabled}`);
			const total = await rowsOf(page).count();

			// Without JavaScript every filter change is applied by the 筛选 button (a post-back).
			const apply = async () => {
				if (!javaScriptEnabled) await picker.getByRole('button', { name: '筛选' }).click();
			};
			const unitSelect = picker.getByLabel('所在单位');
			const unit = unitSelect.locator('option').nth(1);
			const unitName = ((await unit.textContent()) ?? '').trim();
			await unitSelect.selectOption((await unit.getAttribute('value')) ?? '');
			await apply();
			const inUnit = await rowsOf(page).count();
			await picker.getByLabel('只看中层干部').check();
			await apply();
			const shown = await subjectsShown(page);
			expect(shown.length).toBeGreaterThan(0);
			expect(shown.length).toBeLessThanOrEqual(inUnit);
			expect(inUnit).toBeLessThan(total);
			for (const row of shown) expect(row.detail).toMatch(new RegExp(`^${unitName} · .* · 中层$`));

			await picker.getByRole('button', { name: `全选显示的（${shown.length} 个）` }).click();
			await expect
				.poll(() => picker.getByRole('status').textContent())
				.toContain(`已选 ${shown.length} 个`);

			// A search that matches nobody hides the chosen cadres; they are still sent.
			await picker.getByLabel('搜索').fill('不存在的干部 zzz');
			await apply();
			await expect.poll(() => rowsOf(page).count()).toBe(0);
			expect(await picker.getByRole('status').textContent()).toContain(`已选 ${shown.length} 个`);

			await page.getByRole('button', { name: '创建草稿' }).click();
			await page.waitForURL(/\/campaigns\/\d+$/);
			const created = await page.locator('ol.subjects > li').evaluateAll((items) =>
				items
					.filter((li) => li.querySelector('small'))
					.map((li) => ({
						name: [...li.childNodes]
							.filter((n) => n.nodeType === Node.TEXT_NODE)
							.map((n) => n.textContent)
							.join('')
							.trim(),
						detail: li.querySelector('small')?.textContent?.trim() ?? ''
					}))
			);
			const expected = shown.map((row) => ({
				name: row.name,
				detail: row.detail.replace(/ · 中层$/, '')
			}));
			expect([...created].sort(byName)).toEqual([...expected].sort(byName));
			await page.context().close();
		}
	);

	it('narrows the lists to the chosen region and the regions below it, at once with JavaScript', async () => {
		const page = await newCampaignPage(true);
		await page.waitForLoadState('networkidle');
		const total = await rowsOf(page).count();
		const options = page.locator('select[name="regionId"] option');
		// The last region in code order is a leaf somewhere below the top: it holds fewer cadres.
		const leaf = (await options.last().getAttribute('value')) ?? '';
		await page.locator('select[name="regionId"]').selectOption(leaf);
		await expect.poll(() => rowsOf(page).count()).toBeLessThan(total);
		await page.locator('select[name="regionId"]').selectOption('');
		await expect.poll(() => rowsOf(page).count()).toBe(total);
		await page.context().close();
	});
	it.each([true, false])(
		'has no serious accessibility violations with the filters in use (app scripts %s)',
		async (appScripts) => {
			// axe needs JavaScript itself, so "without" blocks the app's own scripts instead: the page
			// stays as the server answered it, and 筛选 posts back.
			const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
			if (!appScripts) await page.route('**/_app/**/*.js', (route) => route.abort());
			await signIn(page, '/campaigns/new');
			await page.locator('input[name="kind"][value="top_bottom_ten"]').check();
			const picker = page.getByRole('group', { name: '干部', exact: true });
			await picker.getByLabel('只看中层干部').check();
			if (!appScripts) await picker.getByRole('button', { name: '筛选' }).click();
			await picker.getByRole('button', { name: /全选显示的/ }).click();
			await expect.poll(() => picker.getByRole('status').textContent()).not.toContain('已选 0 个');
			const { violations } = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze();
			const serious = violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
			expect(serious).toEqual([]);
			await page.context().close();
		}
	);
});

const rowsOf = (page: Page) => page.locator('[data-picker="cadres"] label');
const byName = (a: { name: string; detail: string }, b: { name: string; detail: string }) =>
	`${a.name}|${a.detail}`.localeCompare(`${b.name}|${b.detail}`);

/** The cadres the picker shows: the name (text beside the box) and the detail line. */
function subjectsShown(page: Page): Promise<{ name: string; detail: string }[]> {
	return rowsOf(page).evaluateAll((labels) =>
		labels.map((label) => ({
			name: [...label.childNodes]
				.filter((n) => n.nodeType === Node.TEXT_NODE)
				.map((n) => n.textContent)
				.join('')
				.trim(),
			detail: label.querySelector('small')?.textContent?.trim() ?? ''
		}))
	);
}

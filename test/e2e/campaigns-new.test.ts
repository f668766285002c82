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
 * so it gets a region, two units and three cadres, two of them 办公室主任 of different units.
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
		await sql`
			insert into cadre (code, name, unit_id, position, level, mid_level) values
				('E2E-NEW-C1', 'E2E 张三', ${units[0].id}, '办公室主任', 'section', true),
				('E2E-NEW-C2', 'E2E 李四', ${units[1].id}, '办公室主任', 'section', true),
				('E2E-NEW-C3', 'E2E 王五', ${units[1].id}, '副局长', 'county', true)`;
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
});

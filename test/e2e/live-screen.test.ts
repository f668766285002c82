import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { clickAndConfirm } from './support/campaigns';
import { openStaffPage } from './support/staff';

/**
 * The TV screen with thirty subjects at 1920×1080: pages of places that turn by themselves, the
 * page of a sealed reveal's newest places, the static screen without JavaScript, and the host
 * console's turnout in English. Figures come from a rehearsal (synthetic ballots for every
 * subject), which also allows a reveal while voting is open.
 */
const fullHd = { width: 1920, height: 1080 };
const subjects = [
	'中共济川市委组织部',
	'中共济川市委宣传部',
	'中共济川市委统一战线工作部',
	'济川市政务服务中心不动产登记窗口',
	...Array.from({ length: 26 }, (_, i) => `济川市第${i + 1}局`)
];

let browser: Browser;
let staff: Page;
let campaignId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openStaffPage(browser, '/live');
	await staff.setViewportSize(fullHd);
});
afterAll(() => browser?.close());

async function hostAction(button: string): Promise<void> {
	await staff.getByRole('button', { name: button }).click();
	await staff.waitForLoadState('networkidle');
}

async function openScreen(query = '', javaScriptEnabled = true): Promise<Page> {
	const page = await openPage(browser, { viewport: fullHd, javaScriptEnabled });
	await page.goto(`/live/${campaignId}/screen${query}`);
	return page;
}

const chart = (page: Page) => page.getByTestId('chart');

describe('the TV screen with thirty subjects', () => {
	it('shows pages of places at a readable size and turns them by itself', async () => {
		await staff.goto('/campaigns/new');
		await staff.locator('input[name="kind"][value="unit_evaluation"]').check();
		await staff.getByLabel('标题').fill('E2E 三十个单位');
		await staff.getByLabel('其他评议对象').fill(subjects.join('\n'));
		await staff.getByRole('button', { name: '创建草稿' }).click();
		await staff.waitForURL(/\/campaigns\/\d+$/);
		campaignId = new URL(staff.url()).pathname.split('/').pop() as string;
		await staff.goto(`/live/${campaignId}/host`);
		await clickAndConfirm(staff, '开放投票');
		await hostAction('开始彩排');
		await hostAction('加入 20 张模拟选票');

		const screen = await openScreen('?seconds=3');
		await expect
			.poll(() => chart(screen).getAttribute('data-pages'), { timeout: 15_000 })
			.not.toBe('1');
		const pages = Number(await chart(screen).getAttribute('data-pages'));
		const perPage = Math.ceil(30 / pages);
		expect(perPage).toBeLessThanOrEqual(12);
		expect(Number(await chart(screen).getAttribute('data-font'))).toBeGreaterThanOrEqual(32);
		// The chart is rebuilt when a page turns (every 3 s here): wait for its canvas.
		await expect
			.poll(() => screen.locator('.chart canvas').count(), { timeout: 10_000 })
			.toBeGreaterThan(0);
		// Every place is still in the (visually hidden) table for screen readers.
		expect(await screen.getByTestId('ranking-row').count()).toBe(30);

		const pager = screen.getByTestId('pager');
		const first = await chart(screen).getAttribute('data-page');
		await expect
			.poll(() => chart(screen).getAttribute('data-page'), { timeout: 10_000 })
			.not.toBe(first);
		const page = Number(await chart(screen).getAttribute('data-page'));
		const from = (page - 1) * perPage + 1;
		expect(await pager.textContent()).toContain(
			`第 ${from}–${Math.min(30, from + perPage - 1)} 名 · 共 30 名`
		);
		expect(await pager.locator('.dots span').count()).toBe(pages);
		await screen.context().close();
	});

	it('shows the page holding the newest places of a bottom-up reveal, and holds it', async () => {
		await staff.goto(`/live/${campaignId}/host`);
		await staff.getByLabel('投票结束前隐藏，结束后逐名揭晓').check();
		await staff.getByLabel('从末位往前揭晓').check();
		await hostAction('保存显示方式');
		for (let i = 0; i < 3; i++) await hostAction('揭晓下一名');
		await expect
			.poll(() => staff.getByTestId('revealed').textContent())
			.toContain('已揭晓 3 / 30 名');

		const screen = await openScreen('?seconds=3');
		await expect
			.poll(() => screen.getByTestId('ranking-row').locator('td:first-child').allTextContents(), {
				timeout: 15_000
			})
			.toEqual(['28', '29', '30']);
		const pages = await chart(screen).getAttribute('data-pages');
		expect(await chart(screen).getAttribute('data-page')).toBe(pages);
		expect(await screen.getByTestId('pager').textContent()).toMatch(/–30 名 · 共 30 名/);
		await screen.waitForTimeout(4000);
		expect(await chart(screen).getAttribute('data-page')).toBe(pages);
		await screen.context().close();

		await hostAction('结束彩排');
	});

	it('fits a page of the table at 1080 lines without JavaScript and refreshes onto the next', async () => {
		// Back to a running ranking, and a fresh rehearsal.
		await staff.goto(`/live/${campaignId}/host`);
		await staff.getByLabel('实时显示排名').check();
		await hostAction('保存显示方式');
		await hostAction('开始彩排');
		await hostAction('加入 20 张模拟选票');
		const pageOne = await openScreen('?seconds=3', false);
		const shown = pageOne.getByTestId('ranking-row');
		const count = await shown.count();
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(30);
		for (const row of await shown.all()) {
			const box = await row.boundingBox();
			expect(box && box.y + box.height).toBeLessThanOrEqual(fullHd.height);
		}
		expect(await pageOne.getByTestId('table-pager').textContent()).toContain(
			`第 1–${count} 名 · 共 30 名`
		);
		expect(await shown.locator('td:first-child').first().textContent()).toBe('1');
		// The page reloads itself onto the next page of places.
		await pageOne.waitForURL(/page=2/, { timeout: 10_000 });
		expect(await pageOne.getByTestId('table-pager').textContent()).toContain(
			`第 ${count + 1}–${2 * count} 名`
		);
		await pageOne.context().close();
	});

	it('names the rater tiers of the turnout in the host console’s language', async () => {
		await staff.goto(`/live/${campaignId}/host`);
		const turnout = staff.getByTestId('turnout');
		await expect.poll(() => turnout.textContent()).toContain('服务对象');
		await staff.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: staff.url() }]);
		await staff.goto(`/live/${campaignId}/host`);
		const text = await turnout.textContent();
		expect(text).toContain('Service users');
		expect(text).toContain('Jurors');
		expect(text).not.toContain('服务对象');
		const feed = await staff.request.get(`/api/public/live/${campaignId}`);
		const tiers = (await feed.json()).turnout.map((t: { name: string; nameEn: string }) => [
			t.name,
			t.nameEn
		]);
		expect(tiers).toContainEqual(['服务对象', 'Service users']);

		// The campaign page names the tiers in English too, listed the English way.
		await staff.goto(`/campaigns/${campaignId}`);
		const electorate = await staff.locator('section', { hasText: 'Rater tiers' }).textContent();
		expect(electorate).toContain('Service users 50%, Jurors 25%, and The public 25%');
		expect(electorate).not.toMatch(/服务对象|、|，/);
		await staff
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: staff.url() }]);
	});
});

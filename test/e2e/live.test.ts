import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { clickAndConfirm } from './support/campaigns';

// Created by global-setup.ts before the app starts.
const admin = { email: 'e2e-admin@minping.test', password: 'E2e-Admin-Passw0rd!' };
const fullHd = { width: 1920, height: 1080 };

let browser: Browser;
let staff: Page;
let screen: Page;
let campaignId: string;
let codes: string[];

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openPage(browser, { viewport: fullHd });
	await staff.goto('/login?redirectTo=%2Flive');
	await staff.getByLabel('邮箱').fill(admin.email);
	await staff.getByLabel('密码').fill(admin.password);
	await staff.getByRole('button', { name: '登录', exact: true }).click();
	await staff.waitForURL('**/live');
});
afterAll(() => browser?.close());

/** A unit evaluation of two bureaus, opened from the host console, with twelve on-site cards. */
async function prepareCampaign(): Promise<void> {
	await staff.goto('/campaigns/new');
	await staff.locator('input[name="kind"][value="unit_evaluation"]').check();
	await staff.getByLabel('标题').fill('E2E 电视直播评议');
	await staff.getByLabel('其他评议对象').fill('甲局\n乙局');
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	campaignId = new URL(staff.url()).pathname.split('/').pop() as string;

	await staff.goto('/live');
	await staff.locator(`a[href="/live/${campaignId}/host"]`).click();
	// Opening cannot be undone: the first click only asks, naming what opening freezes.
	await staff.getByRole('button', { name: '开放投票', exact: true }).click();
	const confirmation = staff.getByRole('region', { name: '请确认' });
	await expect.poll(() => confirmation.textContent()).toContain('都将冻结');
	expect(await staff.getByTestId('host-state').textContent()).toContain('草稿');
	await confirmation.getByRole('link', { name: '取消' }).click();
	await expect.poll(() => confirmation.count()).toBe(0);
	expect(await staff.getByTestId('host-state').textContent()).toContain('草稿');
	await clickAndConfirm(staff, '开放投票');
	await expect.poll(() => staff.getByTestId('host-state').textContent()).toContain('投票中');

	await staff.goto(`/campaigns/${campaignId}/cards?n=12`);
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	await staff.getByTestId('ballot-code').first().waitFor();
	codes = (await staff.getByTestId('ballot-code').allTextContents()).map((c) => c.trim());
	expect(codes).toHaveLength(12);
}

/** One card votes without JavaScript: every criterion of a bureau gets the same score. */
async function vote(code: string, scores: Record<string, number>): Promise<void> {
	const page = await openPage(browser, { javaScriptEnabled: false });
	await page.goto(`/vote/${code.replaceAll('-', '')}`);
	for (const [bureau, score] of Object.entries(scores)) {
		const section = page.locator('section.screen', { hasText: bureau });
		for (const input of await section.locator('input[type="number"]').all())
			await input.fill(String(score));
	}
	await page.getByRole('button', { name: '提交评议票' }).click();
	await page.waitForURL('**/vote/done?r=*');
	await page.context().close();
}

const rows = (page: Page) =>
	page.getByTestId('ranking-row').locator('td:nth-child(2)').allTextContents();
const sequence = async (page: Page) =>
	Number(await page.getByTestId('screen').getAttribute('data-sequence'));

async function hostAction(button: string): Promise<void> {
	await staff.getByRole('button', { name: button }).click();
	await staff.waitForLoadState('networkidle');
}

describe('live broadcast of a unit evaluation', () => {
	it('shows the ranking change on the screen as ballots arrive, without reloading it', async () => {
		await prepareCampaign();
		// The TV output: its own window, signed in only because the route rules are the lead's to open.
		const tv: BrowserContext = staff.context();
		screen = await tv.newPage();
		await screen.goto(`/live/${campaignId}/screen`);
		await expect
			.poll(() => screen.getByRole('heading', { level: 1 }).textContent())
			.toBe('E2E 电视直播评议');
		expect(await rows(screen)).toEqual([]);
		const first = await sequence(screen);

		for (const code of codes.slice(0, 5)) await vote(code, { 甲局: 90, 乙局: 60 });
		await expect.poll(() => rows(screen), { timeout: 15_000 }).toEqual(['甲局', '乙局']);
		await expect.poll(() => screen.getByTestId('turnout').textContent()).toContain('5');

		for (const code of codes.slice(5, 11)) await vote(code, { 甲局: 50, 乙局: 100 });
		await expect.poll(() => rows(screen), { timeout: 15_000 }).toEqual(['乙局', '甲局']);
		expect(await sequence(screen)).toBeGreaterThan(first);
		// The bar race is drawn on a canvas beside the table.
		expect(await screen.locator('.chart canvas').count()).toBeGreaterThan(0);

		// The JSON feed carries the same picture (it may lag the last ballot by one push).
		const fetchFeed = async () => {
			const feed = await staff.request.get(`/api/public/live/${campaignId}`);
			expect(feed.status()).toBe(200);
			return feed.json();
		};
		await expect.poll(async () => (await fetchFeed()).voters, { timeout: 15_000 }).toBe(11);
		const snapshot = await fetchFeed();
		expect(snapshot.ranking.map((e: { label: string }) => e.label)).toEqual(['乙局', '甲局']);
		expect(snapshot.format).toBe('minping-live/1');
	});

	it('holds a frozen picture while ballots arrive, and rehearses with figures that are not real', async () => {
		await staff.goto(`/live/${campaignId}/host`);
		await hostAction('冻结大屏');
		await expect
			.poll(() => screen.getByText('画面已暂停').isVisible(), { timeout: 15_000 })
			.toBe(true);
		await vote(codes[11], { 甲局: 70, 乙局: 70 });
		await screen.waitForTimeout(3000);
		expect(await screen.getByTestId('turnout').textContent()).toContain('11');
		await hostAction('解除冻结');
		await expect
			.poll(() => screen.getByTestId('turnout').textContent(), { timeout: 15_000 })
			.toContain('12');

		await hostAction('开始彩排');
		await expect
			.poll(() => screen.getByText('彩排 · 模拟数据').isVisible(), { timeout: 15_000 })
			.toBe(true);
		await hostAction('加入 20 张模拟选票');
		await expect
			.poll(() => screen.getByTestId('turnout').textContent(), { timeout: 15_000 })
			.toContain('20');
		await hostAction('结束彩排');
		await expect
			.poll(() => screen.getByTestId('turnout').textContent(), { timeout: 15_000 })
			.toContain('12');
		expect(await screen.getByText('彩排 · 模拟数据').count()).toBe(0);
		// The rehearsal left no ballot behind: the real feed still counts twelve voters.
		const feed = await staff.request.get(`/api/public/live/${campaignId}`);
		expect((await feed.json()).voters).toBe(12);
	});

	it('seals the ranking, then reveals it one place at a time from the bottom after closing', async () => {
		await staff.goto(`/live/${campaignId}/host`);
		await staff.getByLabel('投票结束前隐藏，结束后逐名揭晓').check();
		await staff.getByLabel('从末位往前揭晓').check();
		await hostAction('保存显示方式');
		await expect
			.poll(() => screen.getByTestId('sealed').isVisible(), { timeout: 15_000 })
			.toBe(true);
		expect(await rows(screen)).toEqual([]);

		// Voting is still open: the host is told to close it first, and the screen stays sealed.
		await hostAction('揭晓下一名');
		await expect.poll(() => staff.getByRole('alert').textContent()).toContain('投票尚未结束');

		await clickAndConfirm(staff, '结束投票');
		await expect.poll(() => staff.getByTestId('host-state').textContent()).toContain('投票已结束');
		await expect
			.poll(() => staff.getByTestId('revealed').textContent())
			.toContain('已揭晓 0 / 2 名');
		expect(await screen.getByTestId('sealed').isVisible()).toBe(true);

		await hostAction('揭晓下一名');
		await expect.poll(() => rows(screen), { timeout: 15_000 }).toEqual(['甲局']);
		expect(await screen.getByTestId('revealing').textContent()).toContain('1 / 2');

		await hostAction('揭晓下一名');
		await expect.poll(() => rows(screen), { timeout: 15_000 }).toEqual(['乙局', '甲局']);
		await expect
			.poll(() => staff.getByTestId('revealed').textContent())
			.toContain('已揭晓 2 / 2 名');

		await hostAction('揭晓下一名');
		await expect.poll(() => staff.getByRole('alert').textContent()).toContain('所有名次都已揭晓');
	});
});

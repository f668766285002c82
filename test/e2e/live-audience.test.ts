import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { clickAndConfirm } from './support/campaigns';
import { openStaffPage } from './support/staff';

const fullHd = { width: 1920, height: 1080 };

let browser: Browser;
let staff: Page;
let screen: Page;
let campaignId: string;
let codes: string[];

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

/** Every criterion of each bureau in the visible part of a ballot form gets that bureau's score. */
async function fillScores(page: Page, scores: Record<string, number>): Promise<void> {
	for (const [bureau, score] of Object.entries(scores)) {
		const section = page.locator('section.screen:visible', { hasText: bureau });
		if ((await section.count()) === 0) continue;
		for (const input of await section.locator('input[type="number"]').all())
			await input.fill(String(score));
	}
}

/** A juror's card votes without JavaScript. */
async function juryVote(code: string, scores: Record<string, number>): Promise<void> {
	const page = await openPage(browser, { javaScriptEnabled: false });
	await page.goto(`/vote/${code.replaceAll('-', '')}`);
	await fillScores(page, scores);
	await page.getByRole('button', { name: '提交评议票' }).click();
	await page.waitForURL('**/vote/done?r=*');
	await page.context().close();
}

/**
 * A TV viewer's phone votes at the short address: without JavaScript all bureaus are on one
 * page; with it, one per screen. Returns the page (its context is the device, with its cookie).
 */
async function audienceVote(
	scores: Record<string, number>,
	javaScriptEnabled = false
): Promise<Page> {
	const page = await openPage(browser, { javaScriptEnabled });
	const response = await page.goto(`/tv/${campaignId}`);
	expect(response?.status()).toBe(200);
	expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('观众投票');
	if (javaScriptEnabled) {
		await page.locator('form[data-enhanced]').waitFor();
		for (;;) {
			await fillScores(page, scores);
			const next = page.getByRole('button', { name: '下一项' });
			if (!(await next.isVisible())) break;
			await next.click();
		}
	} else {
		await fillScores(page, scores);
	}
	await page.getByRole('button', { name: '提交我的投票' }).click();
	await page.waitForURL(`**/tv/${campaignId}/done?r=*`);
	expect(await page.getByRole('status').textContent()).toContain('谢谢参与');
	return page;
}

interface Feed {
	voters: number;
	ballots: number;
	ranking: { label: string; display: string | null; position: number | null }[];
	audience?: { enabled: boolean; voters: number; ranking: { label: string }[] };
}

async function feed(): Promise<Feed> {
	const response = await staff.request.get(`/api/public/live/${campaignId}`);
	expect(response.status()).toBe(200);
	return response.json();
}

/** Serious and critical WCAG 2 A/AA violations, as in accessibility.test.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

/** The device's audience token cookies (the language cookie aside). */
const tokenCookies = async (page: Page) =>
	(await page.context().cookies()).filter((c) => c.name.startsWith('minping_tv_'));

const juryRows = () =>
	screen.getByTestId('ranking-row').locator('td:nth-child(2)').allTextContents();
const audienceRows = () =>
	screen.getByTestId('audience-ranking').locator('.label').allTextContents();

describe('audience voting for TV viewers', () => {
	it('is switched on at the host console, and the QR code leads to the short address', async () => {
		await staff.goto('/campaigns/new');
		await staff.locator('input[name="kind"][value="unit_evaluation"]').check();
		await staff.getByLabel('标题').fill('E2E 观众投票');
		await staff.getByLabel('其他评议对象').fill('甲局\n乙局');
		await staff.getByRole('button', { name: '创建草稿' }).click();
		await staff.waitForURL(/\/campaigns\/\d+$/);
		campaignId = new URL(staff.url()).pathname.split('/').pop() as string;

		await staff.goto(`/live/${campaignId}/host`);
		const audience = staff.getByTestId('audience');
		expect(await audience.getByTestId('audience-state').textContent()).toContain('观众投票未开放');
		expect(await audience.getByTestId('audience-counting').textContent()).toContain(
			'观众票单独计算'
		);
		// A viewer who comes too early is told so, and gets no token.
		const early = await openPage(browser);
		expect((await early.goto(`/tv/${campaignId}`))?.status()).toBe(403);
		expect(await early.getByTestId('tv-refusal').textContent()).toContain('没有开放观众投票');
		expect(await tokenCookies(early)).toEqual([]);
		await early.context().close();

		await hostAction('开放观众投票');
		await expect
			.poll(() => audience.getByTestId('audience-state').textContent())
			.toContain('观众投票已开放');
		await clickAndConfirm(staff, '开放投票');
		await expect.poll(() => staff.getByTestId('host-state').textContent()).toContain('投票中');
		// Once voting is open the counting rule is fixed and shown, not offered.
		expect(await staff.getByRole('button', { name: '保存计票方式' }).count()).toBe(0);

		await staff.goto(`/live/${campaignId}/host?qr`);
		const shortUrl = await staff.locator('.qr-overlay .short strong').textContent();
		expect(shortUrl).toMatch(new RegExp(`/tv/${campaignId}$`));
	});

	it('offers a phone an accessible ballot, in English on request', async () => {
		const phone = await openPage(browser);
		await phone.goto(`/tv/${campaignId}`);
		await phone.locator('form[data-enhanced]').waitFor();
		expect(await seriousViolations(phone)).toEqual([]);
		expect(await phone.locator('section.screen:visible input[type="number"]').count()).toBe(5);
		// The language switch in the header: the same device, its token kept, in English.
		await phone.getByRole('button', { name: 'English' }).click();
		await expect
			.poll(() => phone.getByRole('heading', { level: 1 }).textContent())
			.toContain('Audience vote');
		expect(await phone.getByRole('button', { name: 'Next' }).isVisible()).toBe(true);
		expect(await tokenCookies(phone)).toHaveLength(1);
		await phone.context().close();
	});

	it('counts viewers apart from the jury: the screen shows audience turnout and leaves the jury figures unchanged', async () => {
		await staff.goto(`/campaigns/${campaignId}/cards?n=5`);
		await staff.getByRole('button', { name: '生成评议卡' }).click();
		await staff.getByTestId('ballot-code').first().waitFor();
		codes = (await staff.getByTestId('ballot-code').allTextContents()).map((c) => c.trim());
		for (const code of codes) await juryVote(code, { 甲局: 90, 乙局: 60 });

		// The TV output, in a window of its own with nobody signed in.
		screen = await openPage(browser, { viewport: fullHd });
		await screen.goto(`/live/${campaignId}/screen`);
		await expect.poll(() => juryRows(), { timeout: 15_000 }).toEqual(['甲局', '乙局']);
		await expect
			.poll(() => screen.getByTestId('audience-turnout').textContent(), { timeout: 15_000 })
			.toContain('观众投票 0');
		await expect.poll(async () => (await feed()).voters, { timeout: 15_000 }).toBe(5);
		const jury = await feed();
		expect(jury.ballots).toBe(10);

		// Five phones vote the other way round: one with JavaScript, four without.
		const first = await audienceVote({ 甲局: 10, 乙局: 100 }, true);
		for (let i = 0; i < 4; i++)
			await (await audienceVote({ 甲局: 10, 乙局: 100 })).context().close();

		await expect
			.poll(() => screen.getByTestId('audience-turnout').textContent(), { timeout: 15_000 })
			.toContain('观众投票 5');
		await expect.poll(() => audienceRows(), { timeout: 15_000 }).toEqual(['乙局', '甲局']);
		expect(await juryRows()).toEqual(['甲局', '乙局']);
		expect(await screen.getByTestId('turnout').textContent()).toContain('5');

		const after = await feed();
		expect(after.audience).toMatchObject({ enabled: true, voters: 5 });
		expect({ voters: after.voters, ballots: after.ballots, ranking: after.ranking }).toEqual({
			voters: jury.voters,
			ballots: jury.ballots,
			ranking: jury.ranking
		});

		// The first phone again: this device has voted, and says so without showing a form.
		const again = await first.goto(`/tv/${campaignId}`);
		expect(again?.status()).toBe(409);
		expect(await first.getByTestId('tv-refusal').textContent()).toContain('这台设备已经投过票');
		expect(await first.locator('form input[type="number"]').count()).toBe(0);
		await first.context().close();

		await staff.goto(`/live/${campaignId}/host`);
		expect(await staff.getByTestId('audience-counts').textContent()).toContain('已投票 5 台');
	});

	it('refuses a second ballot sent from the same device, writing nothing', async () => {
		// One device, two tabs opened before voting: both hold the device's one token.
		const tab = await openPage(browser, { javaScriptEnabled: false });
		await tab.goto(`/tv/${campaignId}`);
		const other = await tab.context().newPage();
		expect((await other.goto(`/tv/${campaignId}`))?.status()).toBe(200);
		const cookies = await tokenCookies(tab);
		expect(cookies).toHaveLength(1);
		expect(cookies[0]).toMatchObject({
			name: `minping_tv_${campaignId}`,
			path: `/tv/${campaignId}`,
			httpOnly: true,
			sameSite: 'Lax'
		});

		await fillScores(tab, { 甲局: 50, 乙局: 50 });
		await tab.getByRole('button', { name: '提交我的投票' }).click();
		await tab.waitForURL(`**/tv/${campaignId}/done?r=*`);
		await expect.poll(async () => (await feed()).audience?.voters, { timeout: 15_000 }).toBe(6);

		await fillScores(other, { 甲局: 100, 乙局: 0 });
		const [refused] = await Promise.all([
			other.waitForResponse((r) => r.request().method() === 'POST'),
			other.getByRole('button', { name: '提交我的投票' }).click()
		]);
		expect(refused.status()).toBe(409);
		expect(await refused.text()).toContain('这台设备已经投过票');
		await tab.context().close();

		await screen.waitForTimeout(2500);
		const after = await feed();
		expect(after.audience?.voters).toBe(6);
		expect(after.voters).toBe(5);
		expect(after.ballots).toBe(10);
	});

	it('closes audience voting from the host console: new viewers are turned away', async () => {
		await staff.goto(`/live/${campaignId}/host`);
		await hostAction('关闭观众投票');
		await expect
			.poll(() => staff.getByTestId('audience-state').textContent())
			.toContain('观众投票未开放');
		const late = await openPage(browser);
		expect((await late.goto(`/tv/${campaignId}`))?.status()).toBe(403);
		await late.context().close();
		// The screen keeps the audience's figures, apart from the jury's.
		await expect
			.poll(() => screen.getByTestId('audience-turnout').textContent(), { timeout: 15_000 })
			.toContain('观众投票 6');
		expect(await juryRows()).toEqual(['甲局', '乙局']);
	});
});

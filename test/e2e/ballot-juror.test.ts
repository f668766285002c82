import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { openStaffPage } from './support/staff';
import { clickAndConfirm } from './support/campaigns';

let browser: Browser;
let staff: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openStaffPage(browser, '/admin');
});
afterAll(() => browser?.close());

/** An account for a juror and the invitation code printed for them. */
async function createJuror(name: string): Promise<string> {
	await staff.goto('/admin');
	await staff.locator('input[name="kind"][value="juror"]').check();
	await staff.locator('input[name="displayName"]').fill(name);
	await staff.getByRole('button', { name: '创建账号' }).click();
	await staff.waitForURL(/\/admin\/users\/\d+$/);
	await staff.getByRole('button', { name: '发放新邀请码' }).click();
	const code = staff.locator('.card .code');
	await code.waitFor();
	return (await code.textContent())?.trim() ?? '';
}

describe('a juror on a named list', () => {
	it('signs in with a code, votes once online, and leaves the list of non-voters', async () => {
		const invitation = await createJuror('E2E 委员');
		const secondInvitation = await createJuror('E2E 委员乙');

		await staff.goto('/campaigns/new');
		await staff.locator('input[name="kind"][value="appointment_appraisal"]').check();
		await staff.getByLabel('标题').fill('E2E 全委会评议');
		await staff.locator('input[name="named"]').check();
		await staff.locator('input[name="electorateSource"][value="named"]').check();
		await staff.getByLabel('其他评议对象').fill('冯八');
		await staff.getByRole('button', { name: '创建草稿' }).click();
		await staff.waitForURL(/\/campaigns\/\d+$/);
		const campaignUrl = staff.url();
		for (const name of ['E2E 委员', 'E2E 委员乙']) {
			await staff.getByRole('checkbox', { name, exact: true }).check();
			await staff
				.getByLabel(`${name} 的投票类别`, { exact: true })
				.selectOption({ label: 'A 票：全委会成员' });
		}
		await staff.getByRole('button', { name: '保存名单' }).click();
		await staff.waitForLoadState('networkidle');
		await staff.reload();
		expect(await staff.getByRole('checkbox', { name: 'E2E 委员', exact: true }).isChecked()).toBe(
			true
		);
		await clickAndConfirm(staff, '开放投票');
		await expect.poll(() => staff.getByTestId('state').textContent()).toBe('进行中');
		expect(await staff.getByText('尚未投票（2 人）').count()).toBe(1);

		const juror = await openPage(browser, { javaScriptEnabled: false });
		await juror.goto('/code');
		await juror.getByLabel('邀请码').fill(invitation);
		await juror.getByRole('button', { name: '登录', exact: true }).click();
		await juror.waitForURL('**/ballot');
		await juror.getByRole('link', { name: 'E2E 全委会评议' }).click();
		expect(await juror.getByText('本次评议为记名评议。').count()).toBe(1);

		for (const name of await radioGroups(juror))
			await juror.locator(`input[name="${name}"]`).last().check();
		// The last option of form B is 不了解; choose 不认同 without a reason to be told why not.
		await juror.getByRole('radio', { name: '不认同' }).check();
		await juror.getByRole('button', { name: '提交评议票' }).click();
		expect(await juror.getByRole('alert').textContent()).toContain('选择“不认同”时请写明理由');
		await juror.getByLabel('如选择“不认同”，请写明理由：').fill('任职前公示期内有群众反映');
		await juror.getByRole('button', { name: '提交评议票' }).click();
		await juror.waitForURL('**/ballot/done?r=*');
		expect(await juror.getByTestId('receipt').textContent()).toMatch(/[2-9A-Z]{5}-[2-9A-Z]{5}/);

		await juror.goto('/ballot');
		expect(await juror.locator('.campaigns li').textContent()).toContain('已投票');
		await juror.context().close();

		// The second juror votes with JavaScript: a screen per subject, and the first post is lost
		// to the network; the form says so, retries with the same key and lands on the receipt.
		const online = await openPage(browser);
		await online.goto('/code');
		await online.getByLabel('邀请码').fill(secondInvitation);
		await online.getByRole('button', { name: '登录', exact: true }).click();
		await online.waitForURL('**/ballot');
		await online.getByRole('link', { name: 'E2E 全委会评议' }).click();
		await online.locator('form[data-enhanced]').waitFor();
		for (;;) {
			const screen = online.locator('section.screen:visible');
			expect(await screen.count()).toBe(1);
			for (const name of await radioGroups(screen))
				await screen.locator(`input[name="${name}"]`).first().check();
			const next = online.getByRole('button', { name: '下一项' });
			if (!(await next.isVisible())) break;
			await next.click();
		}
		const keys: (string | null)[] = [];
		await online.route(
			(url) => url.search === '?/submit',
			(route) => {
				keys.push(new URLSearchParams(route.request().postData() ?? '').get('idempotency_key'));
				return keys.length === 1 ? route.abort('internetdisconnected') : route.continue();
			}
		);
		await online.getByRole('button', { name: '提交评议票' }).click();
		await online.getByText('网络不稳定，正在重试…').waitFor();
		await online.waitForURL('**/ballot/done?r=*');
		expect(await online.getByTestId('receipt').textContent()).toMatch(/[2-9A-Z]{5}-[2-9A-Z]{5}/);
		expect(keys).toHaveLength(2);
		expect(keys[1]).toBe(keys[0]);
		await online.goto('/ballot');
		expect(await online.locator('.campaigns li').textContent()).toContain('已投票');
		await online.context().close();

		await staff.goto(campaignUrl);
		expect(await staff.getByText(/尚未投票/).count()).toBe(0);
	});
});

describe('a juror coming back, signing in again and signing out', () => {
	it('keeps the answers when the session lapsed at submit time, and finds the way back', async () => {
		const firstCode = await createJuror('E2E 回访委员');
		const jurorUrl = staff.url();
		const ballotCampaign = await openNamedCampaign('E2E 回访评议', 'E2E 回访委员', {});
		// Opens 2030-12-01 09:00 and closes 18:00 Beijing time: listed, not yet open, no link.
		await openNamedCampaign('E2E 未开始评议', 'E2E 回访委员', {
			opensAt: '2030-12-01T09:00',
			closesAt: '2030-12-01T18:00'
		});

		const juror = await openPage(browser);
		await signInWithCode(juror, firstCode);
		await juror.waitForURL('**/ballot');
		const future = juror.locator('.campaigns li', { hasText: 'E2E 未开始评议' });
		expect(await future.textContent()).toContain('未开始');
		expect(await future.textContent()).toContain('开始：2030年12月1日 09:00（北京时间）');
		expect(await future.textContent()).toContain('截止：2030年12月1日 18:00（北京时间）');
		expect(await future.getByRole('link').count()).toBe(0);

		// The header and the account page lead back to the list.
		await juror.goto('/account');
		await juror.locator('main').getByRole('link', { name: '查看我的评议' }).click();
		await juror.waitForURL('**/ballot');
		await juror.locator('header').getByRole('link', { name: '我的评议' }).waitFor();

		const page = await juror.goto(`/ballot/${ballotCampaign}`);
		expect(page?.headers()['cache-control']).toBe('no-store');
		await juror.locator('form[data-enhanced]').waitFor();
		for (const name of await radioGroups(juror.locator('section.screen:visible')))
			await juror.locator(`input[name="${name}"]`).first().check();
		// The session ends while the juror fills the form in (the cookie now names no session).
		await juror.context().addCookies([
			// Path / as the server sets it, so that it replaces the real cookie, not shadows it.
			{
				name: 'minping_session',
				value: 'a'.repeat(32),
				domain: new URL(juror.url()).hostname,
				path: '/'
			}
		]);
		await juror.getByRole('button', { name: '提交评议票' }).click();
		const alert = juror.getByRole('alert');
		await alert.getByText('您的登录已失效').waitFor();
		expect(new URL(juror.url()).pathname).toBe(`/ballot/${ballotCampaign}`);
		const drafts = () =>
			juror.evaluate(() =>
				Object.keys(localStorage).filter((k) => k.startsWith('minping-ballot-draft:'))
			);
		expect(await drafts()).toHaveLength(1);

		// A new code from the organisers; signing in again returns to the ballot, answers restored.
		await staff.goto(jurorUrl);
		await staff.getByRole('button', { name: '发放新邀请码' }).click();
		const secondCode = (await staff.locator('.card .code').textContent())?.trim() ?? '';
		await alert.getByRole('link', { name: '重新登录' }).click();
		// Hydration could reset a code typed before it: let the page settle first.
		await juror.waitForURL('**/code?reason=expired*', { waitUntil: 'networkidle' });
		expect(await juror.getByTestId('code-notice').textContent()).toContain('登录已失效');
		await juror.getByLabel('邀请码').fill(secondCode);
		await juror.getByRole('button', { name: '登录', exact: true }).click();
		await juror.waitForURL(`**/ballot/${ballotCampaign}`);
		await juror.locator('form[data-enhanced]').waitFor();
		expect(await juror.locator('input[type="radio"]:checked').count()).toBeGreaterThan(0);
		await juror.getByRole('button', { name: '提交评议票' }).click();
		await juror.waitForURL('**/ballot/done?r=*');
		expect(await drafts()).toEqual([]);

		// Closed, the campaign stays on the list as voted and ended.
		await staff.goto(`/campaigns/${ballotCampaign}`);
		await clickAndConfirm(staff, '结束投票');
		await expect.poll(() => staff.getByTestId('state').textContent()).toBe('已结束');
		await juror.goto('/ballot');
		const voted = juror.locator('.campaigns li', { hasText: 'E2E 回访评议' });
		expect(await voted.textContent()).toContain('已投票 · 已结束');
		expect(await voted.getByRole('link').count()).toBe(0);

		// Signing out warns first that the code works once, then lands on the code page.
		await juror.locator('header').getByRole('link', { name: '退出登录' }).click();
		await juror.waitForURL('**/logout');
		expect(await juror.getByTestId('logout-warning').textContent()).toContain('邀请码只能使用一次');
		await juror.locator('main').getByRole('button', { name: '退出登录' }).click();
		await juror.waitForURL('**/code?reason=signed-out');
		expect(await juror.getByTestId('code-notice').textContent()).toContain('您已退出登录');
		expect(await juror.locator('main').textContent()).toContain('每个邀请码只能登录一次');
		await juror.context().close();
	});
});

/** A named campaign of one juror (appointment appraisal), opened; returns its id. */
async function openNamedCampaign(
	title: string,
	juror: string,
	window: { opensAt?: string; closesAt?: string }
): Promise<string> {
	await staff.goto('/campaigns/new');
	await staff.locator('input[name="kind"][value="satisfaction_survey"]').check();
	await staff.getByLabel('标题').fill(title);
	await staff.locator('input[name="electorateSource"][value="named"]').check();
	if (window.opensAt) await staff.locator('input[name="opensAt"]').fill(window.opensAt);
	if (window.closesAt) await staff.locator('input[name="closesAt"]').fill(window.closesAt);
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	await staff.getByRole('checkbox', { name: juror, exact: true }).check();
	await staff.getByRole('button', { name: '保存名单' }).click();
	await staff.waitForLoadState('networkidle');
	await staff.reload();
	await clickAndConfirm(staff, '开放投票');
	await expect.poll(() => staff.getByTestId('state').textContent()).toBe('进行中');
	return new URL(staff.url()).pathname.split('/').pop() ?? '';
}

async function signInWithCode(page: Page, code: string): Promise<void> {
	await page.goto('/code', { waitUntil: 'networkidle' });
	await page.getByLabel('邀请码').fill(code);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function radioGroups(page: Page | Locator): Promise<string[]> {
	const names = await Promise.all(
		(await page.locator('input[type="radio"]').all()).map((i) => i.getAttribute('name'))
	);
	return [...new Set(names.filter((n): n is string => n !== null))];
}

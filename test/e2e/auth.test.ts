import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';

// Created by global-setup.ts through `npm run admin:create` before the app starts.
const admin = { email: 'e2e-admin@minping.test', password: 'E2e-Admin-Passw0rd!' };

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signIn(page: Page, email: string, password: string) {
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('signing in and out', () => {
	it('sends an anonymous visitor of the admin area to the sign-in page', async () => {
		const page = await openPage(browser);
		await page.goto('/admin');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/admin');
		expect(await page.locator('h1').textContent()).toBe('登录');
		await page.context().close();
	});

	it('answers a wrong password with the generic error and stays on the form', async () => {
		const page = await openPage(browser);
		await page.goto('/login');
		await signIn(page, admin.email, 'Not-The-Passw0rd!');
		// argon2 runs on a wrong password too (on purpose), so the answer takes a moment.
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toBe('邮箱或密码不正确。');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.getByLabel('邮箱').inputValue()).toBe(admin.email);
		await page.context().close();
	});

	it('signs in, shows the admin area, signs out, and is refused afterwards', async () => {
		const page = await openPage(browser);
		await page.goto('/admin');
		await signIn(page, admin.email, admin.password);
		await page.waitForURL('**/admin');
		expect(await page.locator('h1').textContent()).toBe('系统管理');
		expect(await page.locator('table.data').textContent()).toContain(admin.email);
		expect(await page.locator('header .session').textContent()).toContain('E2E admin');

		await page.getByRole('button', { name: '退出登录' }).click();
		await page.waitForURL('**/login');
		await page.goto('/admin');
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.context().close();
	});

	it('works without JavaScript: the form posts and the server redirects with 303', async () => {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto('/login?redirectTo=%2Fadmin%2Faudit');
		await signIn(page, admin.email, admin.password);
		await page.waitForURL('**/admin/audit');
		expect(await page.locator('h1').textContent()).toBe('审计记录');
		expect(await page.locator('table.data').textContent()).toContain('auth.sign_in');
		await page.context().close();
	});
});

describe('a juror with an invitation code', () => {
	it('is issued a code by an admin, signs in with it once, and cannot open staff pages', async () => {
		const adminPage = await openPage(browser, { viewport: { width: 1280, height: 900 } });
		await adminPage.goto('/login?redirectTo=%2Fadmin');
		await signIn(adminPage, admin.email, admin.password);
		await adminPage.waitForURL('**/admin');
		await adminPage.getByLabel('评议团成员').check();
		await adminPage.getByLabel('姓名').fill('测试评议员');
		await adminPage.getByRole('button', { name: '创建账号' }).click();
		await adminPage.waitForURL('**/admin/users/*');
		await adminPage.getByRole('button', { name: '发放新邀请码' }).click();
		const code = (await adminPage.locator('.card .code').textContent())?.trim() ?? '';
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		await adminPage.context().close();

		const juror = await openPage(browser);
		await juror.goto(`/code?c=${code}`);
		expect(await juror.getByLabel('邀请码').inputValue()).toBe(code);
		await juror.getByRole('button', { name: '登录', exact: true }).click();
		await juror.waitForURL('**/ballot');
		await juror.goto('/account');
		expect(await juror.locator('main').textContent()).toContain('测试评议员');

		const refused = await juror.goto('/jury');
		expect(refused?.status()).toBe(403);
		await juror.context().close();

		const again = await openPage(browser);
		await again.goto(`/code?c=${code}`);
		await again.getByRole('button', { name: '登录', exact: true }).click();
		await again.getByRole('alert').waitFor();
		expect(await again.getByRole('alert').textContent()).toContain('已经使用过');
		await again.context().close();
	});
});

describe('finding accounts and events', () => {
	it('searches, filters and pages accounts and the audit trail without JavaScript', async () => {
		const page = await openPage(browser, {
			javaScriptEnabled: false,
			viewport: { width: 1280, height: 900 }
		});
		await page.goto('/login?redirectTo=%2Fadmin');
		await signIn(page, admin.email, admin.password);
		await page.waitForURL('**/admin');

		const users = page.getByTestId('user-filters');
		await users.getByLabel('查找账号').fill('e2e-admin');
		await users.getByLabel('类型或角色').selectOption('admin');
		await users.getByRole('button', { name: '筛选' }).click();
		await page.waitForURL('**/admin?q=e2e-admin&role=admin');
		const rows = await page.locator('table.data tbody tr').allTextContents();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain(admin.email);
		expect(await page.locator('main').textContent()).toMatch(/第 1 \/ 1 页，共 1 个账号/);
		await page.goto('/admin?role=juror&q=no-such-person');
		expect(await page.locator('main').textContent()).toContain('没有符合筛选条件的账号');

		await page.goto('/admin/audit');
		const events = page.getByTestId('audit-filters');
		await events.locator('select[name="action"]').selectOption('auth.sign_in');
		await events.getByLabel('操作人（姓名或邮箱）').fill('e2e-admin');
		await events.getByRole('button', { name: '筛选' }).click();
		await page.waitForURL('**/admin/audit?*action=auth.sign_in*');
		const actions = await page.locator('table.data tbody td:nth-child(4)').allTextContents();
		expect(actions.length).toBeGreaterThan(0);
		for (const action of actions) {
			expect(action).toContain('登录');
			expect(action).toContain('auth.sign_in');
		}

		const bad = await page.goto('/admin/audit?from=2026-02-30');
		expect(bad?.status()).toBe(400);
		expect(await page.locator('main').textContent()).toContain('YYYY-MM-DD');
		await page.context().close();
	});
});

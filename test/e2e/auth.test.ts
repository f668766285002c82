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

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, openPage } from './support/browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the home page', () => {
	it('speaks Chinese by default and switches to English, remembering the choice', async () => {
		const page = await openPage(browser);
		await page.goto('/');
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
		expect(await page.locator('h1').textContent()).toContain('公开评议平台');

		await page.getByRole('button', { name: '语言' }).click();
		await page.waitForURL('**/');
		expect(await page.locator('h1').textContent()).toContain('Public evaluation platform');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');

		// Staff areas now ask for a sign-in; the sign-in page speaks the remembered language too.
		await page.goto('/jury');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.locator('h1').textContent()).toBe('Sign in');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.context().close();
	});

	it('leads anyone to the published results without a sign-in', async () => {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto('/');
		await page
			.getByRole('link', { name: /查看评议结果/ })
			.first()
			.click();
		await page.waitForURL('**/public');
		expect(await page.locator('h1').textContent()).toBe('评议结果公开');
		expect(await page.locator('footer a[href="/public"]').count()).toBe(1);
		await page.context().close();
	});

	it('answers the health check from the running server', async () => {
		const response = await fetch(`${baseURL()}/healthz`);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.status).toBe('ok');
		expect(body.db).toBe(
			process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'postgres' : 'pglite'
		);
	});
});

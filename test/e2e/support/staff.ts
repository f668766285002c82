import type { Browser, Page } from 'playwright-core';
import { openPage } from './browser';

/** Created by global-setup.ts (npm run admin:create) before the app starts. */
export const e2eAdmin = { email: 'e2e-admin@minping.test', password: 'E2e-Admin-Passw0rd!' };

export interface Account {
	email: string;
	password: string;
}

/**
 * Signs in through the real /login form and waits for the redirect to `to`. Waits for the page
 * to settle first: typing into the server-rendered form before hydration could lose the values.
 */
export async function signIn(page: Page, to: string, account: Account = e2eAdmin): Promise<void> {
	await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`, { waitUntil: 'networkidle' });
	await page.locator('input[name="email"]').fill(account.email);
	await page.locator('input[name="password"]').fill(account.password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await page.waitForURL(`**${to}`);
	await page.waitForLoadState('networkidle');
}

/** A desktop-sized page of a signed-in member of staff, already on `to`. */
export async function openStaffPage(
	browser: Browser,
	to: string,
	account: Account = e2eAdmin
): Promise<Page> {
	const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
	await signIn(page, to, account);
	return page;
}

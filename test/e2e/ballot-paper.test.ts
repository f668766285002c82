import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { e2eAdmin, openStaffPage, type Account } from './support/staff';

// Created by global-setup.ts before the app starts.
const admin = e2eAdmin;
const clerk = { email: 'e2e-clerk@minping.test', password: 'Second-Clerk-Passw0rd!' };

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

const signIn = (account: Account, to: string): Promise<Page> => openStaffPage(browser, to, account);

/** A second member of staff with the organizer role, so a sheet can be keyed twice. */
async function createClerk(adminPage: Page) {
	await adminPage.goto('/admin');
	await adminPage.locator('input[name="kind"][value="staff"]').check();
	await adminPage.locator('input[name="displayName"]').fill('E2E 录入员');
	await adminPage.locator('input[name="email"]').fill(clerk.email);
	await adminPage.locator('input[name="password"]').fill(clerk.password);
	await adminPage.getByRole('button', { name: '创建账号' }).click();
	await adminPage.waitForURL(/\/admin\/users\/\d+$/);
	await adminPage.locator('select[name="role"]').selectOption('organizer');
	await adminPage.getByRole('button', { name: '分配角色' }).click();
	await adminPage.waitForLoadState('networkidle');
}

/** Keys the satisfaction survey's four items on the paper-entry page. */
async function keySheet(page: Page, url: string, serial: string, answer: string) {
	await page.goto(url);
	await page.getByLabel('纸质票编号').fill(serial);
	for (const radio of await page.getByRole('radio', { name: answer, exact: true }).all())
		await radio.check();
	await page.getByRole('button', { name: '保存录入' }).click();
	// Saved: a redirect with the outcome. Refused: the form comes back with an alert.
	await Promise.race([page.waitForURL(/outcome=/), page.getByRole('alert').waitFor()]);
	return new URL(page.url()).searchParams.has('outcome')
		? ((await page.getByRole('status').textContent())?.trim() ?? '')
		: '';
}

describe('paper ballots', () => {
	it('count when two people key the same sheet alike, and are flagged when they differ', async () => {
		const organizer = await signIn(admin, '/campaigns');
		await createClerk(organizer);
		await organizer.goto('/campaigns/new');
		await organizer.locator('input[name="kind"][value="satisfaction_survey"]').check();
		await organizer.getByLabel('标题').fill('E2E 纸质问卷');
		await organizer.getByRole('button', { name: '创建草稿' }).click();
		await organizer.waitForURL(/\/campaigns\/\d+$/);
		await organizer.getByRole('button', { name: '开放投票' }).click();
		await expect.poll(() => organizer.getByTestId('state').textContent()).toBe('进行中');
		const campaignUrl = organizer.url();
		const paperUrl = `${new URL(campaignUrl).pathname}/paper`;

		const second = await signIn(clerk, '/campaigns');
		expect(await keySheet(organizer, paperUrl, 'P-0001', '满意')).toContain('等待另一位工作人员');
		expect(await keySheet(organizer, paperUrl, 'P-0001', '满意')).toBe('');
		expect(await organizer.getByRole('alert').textContent()).toContain('另一位工作人员');
		expect(await keySheet(second, paperUrl, 'P-0001', '满意')).toContain('已计入');

		await keySheet(organizer, paperUrl, 'P-0002', '很满意');
		expect(await keySheet(second, paperUrl, 'P-0002', '不满意')).toContain('不一致');
		const flagged = second.locator('table.data tr', { hasText: 'P-0002' });
		expect(await flagged.textContent()).toContain('4 处不一致');
		expect(await flagged.textContent()).toContain('总体评价 · 您对组织工作的总体评价');

		await organizer.goto(campaignUrl);
		const turnout = organizer.getByTestId('turnout').locator('tbody tr').first().locator('td');
		expect(await turnout.allTextContents()).toEqual([expect.any(String), '0', '0', '1']);
		await organizer.context().close();
		await second.context().close();
	});
});

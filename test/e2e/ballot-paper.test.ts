import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { e2eAdmin, openStaffPage, signIn as signInPage, type Account } from './support/staff';
import { clickAndConfirm } from './support/campaigns';

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
		await clickAndConfirm(organizer, '开放投票');
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

		// The sheet says 不满意: the FIRST keying was wrong. Voiding it (after a confirmation naming
		// the consequence, with a reason) makes the second keying the first; a re-keying counts.
		const row = (page: Page, serial: string) => page.locator('table.data tr', { hasText: serial });
		await row(second, 'P-0002').getByRole('button', { name: '作废第一次录入' }).click();
		const confirmation = second.getByRole('region', { name: '请确认' });
		expect(await confirmation.textContent()).toContain('将作废纸质票 P-0002 的第一次录入');
		await voidWithReason(second, '原票勾选的是不满意');
		await second.waitForURL(/outcome=voided_first/);
		expect(await keySheet(organizer, paperUrl, 'P-0002', '不满意')).toContain('已计入');

		await organizer.goto(campaignUrl);
		const turnout = organizer.getByTestId('turnout').locator('tbody tr').first().locator('td');
		expect(await turnout.allTextContents()).toEqual([expect.any(String), '0', '0', '2']);

		// A sheet keyed once is shown on the campaign page and holds up publication.
		await keySheet(organizer, paperUrl, 'P-0003', '满意');
		await organizer.goto(campaignUrl);
		expect(await organizer.getByTestId('unresolved-sheets').textContent()).toContain(
			'有 1 张纸质票待第二次录入、0 张两次录入不一致'
		);
		await clickAndConfirm(organizer, '结束投票');
		const resultsUrl = `/results/${new URL(campaignUrl).pathname.split('/').pop()}`;
		await organizer.goto(resultsUrl);
		await organizer.getByRole('button', { name: '发布结果', exact: true }).click();
		await organizer.getByRole('alert').waitFor();
		expect(await organizer.getByRole('alert').textContent()).toContain(
			'还有 1 张纸质票待第二次录入、0 张两次录入不一致'
		);
		// Keying goes on after closing; here the sheet is voided as a whole instead.
		await organizer.goto(paperUrl);
		await row(organizer, 'P-0003').getByRole('button', { name: '作废整张票的录入' }).click();
		await voidWithReason(organizer, '该票无效');
		await organizer.waitForURL(/outcome=voided_sheet/);
		expect(await row(organizer, 'P-0003').count()).toBe(0);
		await organizer.goto(resultsUrl);
		await clickAndConfirm(organizer, '发布结果');
		await organizer.getByText('结果快照 SHA-256：').waitFor();
		await organizer.context().close();
		await second.context().close();
	});
});

async function voidWithReason(page: Page, reason: string) {
	await page.getByLabel('作废理由（记入审计记录）').fill(reason);
	await page.getByRole('button', { name: '确认作废' }).click();
}

describe('irreversible actions without JavaScript', () => {
	it('open only after a confirmation naming the consequence, and paper entry keeps the tier', async () => {
		const page = await openPage(browser, {
			viewport: { width: 1280, height: 900 },
			javaScriptEnabled: false
		});
		await signInPage(page, '/campaigns/new');
		await page.locator('input[name="kind"][value="unit_evaluation"]').check();
		await page.getByLabel('标题').fill('E2E 无脚本确认');
		await page.getByLabel('其他评议对象').fill('E2E 某局');
		await page.getByRole('button', { name: '创建草稿' }).click();
		await page.waitForURL(/\/campaigns\/\d+$/);
		const campaignUrl = page.url();

		// A post without confirm=yes changes nothing (400).
		const bare = await page.request.post(`${campaignUrl}?/transition`, {
			form: { to: 'open' },
			// As a browser's plain form post (else SvelteKit answers an ActionResult with 200).
			headers: { origin: new URL(campaignUrl).origin, accept: 'text/html' }
		});
		expect(bare.status()).toBe(400);
		await page.goto(campaignUrl);
		expect(await page.getByTestId('state').textContent()).toBe('草稿');

		await page.getByRole('button', { name: '开放投票', exact: true }).click();
		expect(await page.getByRole('region', { name: '请确认' }).textContent()).toContain(
			'问题、评议对象、投票类别和投票名单都将冻结'
		);
		expect(await page.getByTestId('state').textContent()).toBe('草稿');
		await page.getByRole('button', { name: '确认：开放投票', exact: true }).click();
		await page.waitForURL(campaignUrl);
		expect(await page.getByTestId('state').textContent()).toBe('进行中');

		// A refused keying (the same person keying the sheet twice) comes back with its tier.
		const keyAsJuror = async () => {
			await page.goto(`${new URL(campaignUrl).pathname}/paper`);
			await page.getByLabel('纸质票编号').fill('N-1');
			await page.getByLabel('投票类别').selectOption({ label: '监督员' });
			for (const score of await page.locator('input[type="number"]').all()) await score.fill('90');
			await page.getByRole('button', { name: '保存录入' }).click();
		};
		await keyAsJuror();
		await page.waitForURL(/outcome=first_keyed/);
		await keyAsJuror();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toContain('另一位工作人员');
		expect(await page.getByLabel('投票类别').locator('option:checked').textContent()).toBe(
			'监督员'
		);
		expect(await page.getByLabel('纸质票编号').inputValue()).toBe('N-1');
		await page.context().close();
	});
});

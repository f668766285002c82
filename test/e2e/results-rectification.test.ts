import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { clickAndConfirm, openCampaignWithCards } from './support/campaigns';
import { openStaffPage } from './support/staff';

let browser: Browser;
let staff: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openStaffPage(browser, '/results');
});
afterAll(() => browser?.close());

/** A unit evaluation of two units, five cards voted without JavaScript, closed and published. */
async function publishedUnitEvaluation(): Promise<string> {
	const { id, codes } = await openCampaignWithCards(
		staff,
		{ kind: 'unit_evaluation', label: '整改跟踪', subjects: ['甲局', '乙局'] },
		5
	);
	for (const code of codes) {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto(`/vote/${code.replaceAll('-', '')}`);
		for (const input of await page.locator('input[type="number"]').all()) await input.fill('80');
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');
		await page.context().close();
	}
	await staff.goto(`/campaigns/${id}`);
	await clickAndConfirm(staff, '结束投票');
	await expect.poll(() => staff.getByTestId('state').textContent()).toBe('已结束');
	await staff.goto(`/results/${id}`);
	await clickAndConfirm(staff, '发布结果');
	await staff.getByText('结果快照 SHA-256：').waitFor();
	return id;
}

describe('rectification', () => {
	it('confirming bottom three opens an item that is tracked with evidence to close-out', async () => {
		await publishedUnitEvaluation();
		// What triggered it reads as a sentence with names: both units scored 80 and tie.
		const trigger = await staff.getByTestId('outcome-trigger').first().textContent();
		expect(trigger).toContain('共 2 名，排第 1 名（倒数第 1 名），得分 80.00；与 乙局 并列');
		expect(trigger).not.toMatch(/tiedWith|positionFromBottom|tiedAtBoundary|true/);
		const bottom = staff.locator('article.outcome', { hasText: '后三位' }).first();
		await bottom.getByRole('button', { name: '确认' }).click();
		await bottom.getByRole('link', { name: '整改事项' }).click();
		await staff.waitForURL(/\/results\/rectification\/\d+$/);
		expect(await staff.getByText('待整改').count()).toBeGreaterThan(0);

		await staff.getByLabel('每行一个问题').fill('窗口排队时间长\n办事指南不清');
		// Wait for the page data to reload, or it would reset the note typed next.
		await Promise.all([
			staff.waitForResponse((r) => r.url().includes('__data.json')),
			staff.getByRole('button', { name: '保存问题清单' }).click()
		]);
		await staff.getByLabel('进展说明').fill('已增设两个窗口');
		await staff.getByLabel(/佐证材料/).setInputFiles({
			name: '整改报告.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('整改报告')
		});
		await staff.getByRole('button', { name: '记录进展' }).click();
		const link = staff.getByRole('link', { name: /整改报告\.txt/ });
		await link.waitFor();
		const download = await staff.request.get((await link.getAttribute('href')) ?? '');
		expect(await download.text()).toBe('整改报告');
		expect(await staff.getByText('整改中').count()).toBeGreaterThan(0);

		await staff.getByRole('button', { name: '登记整改报告已提交' }).click();
		await staff.getByRole('button', { name: '审核通过，销号' }).click();
		// Closed out: the record stays, every form is gone.
		await expect.poll(() => staff.getByRole('button', { name: '记录进展' }).count()).toBe(0);
		expect(await staff.getByText('已销号').count()).toBeGreaterThan(0);

		await staff.goto('/results/rectification?status=closed');
		const row = staff.locator('table.data tbody tr', { hasText: 'E2E 整改跟踪' });
		expect(await row.locator('td').nth(3).textContent()).toBe('已销号');
	});
});

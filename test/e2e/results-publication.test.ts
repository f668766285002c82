import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, openPage } from './support/browser';
import { clickAndConfirm, openCampaignWithCards } from './support/campaigns';
import { openStaffPage } from './support/staff';

let browser: Browser;
let staff: Page;
let campaignId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openStaffPage(browser, '/results');
});
afterAll(() => browser?.close());

/** A satisfaction survey with five cards, each voted 满意 on every item without JavaScript. */
async function surveyWithFiveVotes(): Promise<string> {
	const { id, codes } = await openCampaignWithCards(
		staff,
		{ kind: 'satisfaction_survey', label: '结果发布', subjects: [] },
		5
	);
	for (const code of codes) {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto(`/vote/${code.replaceAll('-', '')}`);
		for (const radio of await page.locator('input[type="radio"][value="satisfied"]').all())
			await radio.check();
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');
		await page.context().close();
	}
	return id;
}

describe('results publication', () => {
	it('keeps results private until staff publish a closed campaign', async () => {
		campaignId = await surveyWithFiveVotes();
		const anonymous = await openPage(browser);
		expect((await anonymous.goto(`/public/campaigns/${campaignId}`))?.status()).toBe(404);
		const api = await anonymous.request.get(`/api/public/campaigns/${campaignId}/results`);
		expect(api.status()).toBe(404);

		await staff.goto(`/campaigns/${campaignId}`);
		await clickAndConfirm(staff, '结束投票');
		await expect.poll(() => staff.getByTestId('state').textContent()).toBe('已结束');
		await staff.goto('/results');
		await staff.getByRole('link', { name: 'E2E 结果发布' }).click();
		await staff.getByText('预览：结果尚未发布').waitFor();
		await clickAndConfirm(staff, '发布结果');
		await staff.getByText('结果快照 SHA-256：').waitFor();
		// 5 × 满意 (80 points): score 80.00, satisfaction 5/5.
		expect(await staff.locator('table.items').first().textContent()).toContain('80.00（400 ÷ 5）');
		expect((await anonymous.goto(`/public/campaigns/${campaignId}`))?.status()).toBe(200);
		await anonymous.context().close();
	});

	it('shows the public report, prints without navigation and serves verifiable JSON and CSV', async () => {
		const page = await openPage(browser);
		// Found from the public index without knowing the address, by a search that works without script.
		await page.goto('/public?q=E2E+%E7%BB%93%E6%9E%9C');
		await page.getByRole('link', { name: 'E2E 结果发布' }).click();
		await page.waitForURL(`**/public/campaigns/${campaignId}`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('E2E 结果发布');
		expect(await page.locator('table.items').first().textContent()).toContain('100.00%（5/5）');
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.app-header').isVisible()).toBe(false);
		expect(await page.locator('.screen-only').isVisible()).toBe(false);

		const json = await page.request.get(`${baseURL()}/api/public/campaigns/${campaignId}/results`);
		expect(json.status()).toBe(200);
		const body = await json.body();
		expect(createHash('sha256').update(body).digest('hex')).toBe(
			json.headers()['x-results-sha256']
		);
		expect(JSON.parse(body.toString('utf8'))).toMatchObject({
			format: 'minping-results/2',
			ballots: 5
		});

		const csv = await page.request.get(
			`${baseURL()}/api/public/campaigns/${campaignId}/results?format=csv`
		);
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect((await csv.text()).split('\r\n')[0]).toContain('subject_id,subject,row_kind');
		await page.context().close();
	});

	it('gives staff an XLSX export', async () => {
		const response = await staff.request.get(`/results/${campaignId}/export.xlsx`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('spreadsheetml');
		expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
	});
});

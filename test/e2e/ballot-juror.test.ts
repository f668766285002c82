import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { openStaffPage } from './support/staff';

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
		await staff.getByRole('button', { name: '开放投票' }).click();
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

async function radioGroups(page: Page | Locator): Promise<string[]> {
	const names = await Promise.all(
		(await page.locator('input[type="radio"]').all()).map((i) => i.getAttribute('name'))
	);
	return [...new Set(names.filter((n): n is string => n !== null))];
}

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, regionRows, unitRows } from '../fixtures/reference/sheets';
import { launchBrowser, openPage } from './support/browser';
import { openStaffPage, signIn as signInAt } from './support/staff';

const applicant = {
	name: `测试申请人${Date.now() % 100000}`,
	phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
};

// Regions and units of our own: a PostgreSQL test database starts without the demo province.
const prefix = 'E2EJURY';
const district = `${prefix}东区`;
const unit = `${prefix}市市场监督管理局`;

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
	const page = await signIn('/reference/import');
	for (const [entity, rows] of [
		['region', regionRows(prefix)],
		['unit', unitRows(prefix)]
	] as const) {
		await page.getByLabel('数据类型').selectOption(entity);
		await page.locator('input[name="file"]').setInputFiles({
			name: `${entity}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.from(csvOf(rows))
		});
		await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
		// expect.poll is for tests only; a missing success alert fails the setup by timing out.
		await page.locator('.alert.success', { hasText: '新增' }).waitFor();
	}
	await page.context().close();
});
afterAll(() => browser?.close());

const signIn = (target: string): Promise<Page> => openStaffPage(browser, target);

/** Fills the public form the way a phone user would. */
async function fillApplication(page: Page, phone: string) {
	await page.goto('/apply');
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('姓名').fill(applicant.name);
	await page.getByLabel('所在区县').selectOption({ label: district });
	await page.getByLabel('企业职工').check();
	await page.getByLabel('我已阅读并同意上述说明').check();
	await page.getByRole('button', { name: '提交报名' }).click();
}

describe('joining the citizen jury', () => {
	it('takes a self-nomination without JavaScript, refuses the same phone twice and then slows down', async () => {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await fillApplication(page, '1390000');
		expect(await page.locator('.alert.error').textContent()).toContain('请修改标出的内容');
		expect(await page.locator('#phone-hint').textContent()).toContain('11 位手机号');

		await fillApplication(page, applicant.phone);
		await page.waitForURL('**/apply/done?number=*');
		expect(await page.getByTestId('confirmation-number').textContent()).toMatch(
			/^JN-[2-9A-Z]{4}-[2-9A-Z]{4}$/
		);

		await fillApplication(page, applicant.phone);
		expect(await page.locator('.alert.error').textContent()).toContain('已在名册中登记');

		// Five valid submissions per address, then a readable 429 rather than a lookup.
		let status = 0;
		for (let attempt = 0; attempt < 4 && status !== 429; attempt++) {
			const response = page.waitForResponse((r) => r.request().method() === 'POST');
			await fillApplication(page, applicant.phone);
			status = (await response).status();
		}
		expect(status).toBe(429);
		expect(await page.locator('.alert.error').textContent()).toContain('提交过于频繁');
		await page.context().close();
	});

	it('lets staff approve the application and appoint the juror under the composition rule', async () => {
		const page = await signIn('/jury/review');

		const application = page.locator('article', { hasText: applicant.name });
		await application.getByRole('button', { name: '通过', exact: true }).click();
		await expect.poll(() => page.locator('.alert.success').textContent()).toContain('已处理');
		await expect.poll(() => application.count()).toBe(0);

		await page.goto(`/jury?status=approved&q=${encodeURIComponent(applicant.name)}`);
		await page.getByRole('link', { name: applicant.name }).click();
		await page.waitForURL(/\/jury\/\d+$/);
		await page.getByRole('button', { name: '聘任', exact: true }).click();
		await expect.poll(() => page.locator('.alert.success').textContent()).toContain('已保存');
		expect(await page.locator('main').textContent()).toContain('在任');

		await page.goto('/jury');
		expect(await page.getByTestId('composition-share').textContent()).toMatch(/占 \d+(\.\d)?%/);
		await page.context().close();
	});

	it('issues cards to the whole roster, and a reissued code revokes the lost card', async () => {
		// Without JavaScript: the roster page posts the form and prints the cards in the answer.
		const page = await openPage(browser, { javaScriptEnabled: false });
		await signInAt(page, '/jury');
		expect(await page.getByTestId('codes-without').textContent()).toMatch(/有 \d+ 名在任成员/);
		await page.getByRole('button', { name: '为没有登录码的成员签发' }).click();
		await page.waitForURL(/\?\/issueCodes$/);
		expect(await page.locator('.alert.success').textContent()).toContain('已签发');
		const card = page.locator('.card', { hasText: applicant.name });
		const lostCode = (await card.getByTestId('invitation-code').textContent())?.trim() ?? '';
		expect(lostCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		await page.goto('/jury');
		expect(await page.getByTestId('codes-without').textContent()).toContain(
			'所有在任成员都有可用的登录码'
		);

		// The card is lost: a new code for this juror revokes it.
		await page.goto(`/jury?status=active&q=${encodeURIComponent(applicant.name)}`);
		await page.getByRole('link', { name: applicant.name }).click();
		await page.waitForURL(/\/jury\/\d+$/);
		const history = await page.locator('table.data').nth(1).textContent();
		expect(history).toContain('个人自荐');
		expect(history).toContain('聘任');
		expect(history).not.toMatch(/self-nomination|appointed|application approved/);
		await page.getByRole('button', { name: '签发登录码' }).click();
		await page.waitForURL(/\?\/invite$/);
		expect(await page.locator('.alert.success').textContent()).toContain('1 个登录码已作废');
		const newCode = (await page.getByTestId('invitation-code').textContent())?.trim() ?? '';
		expect(newCode).not.toBe(lostCode);
		await page.context().close();

		const finder = await openPage(browser);
		await finder.goto(`/code?c=${lostCode}`);
		await finder.getByRole('button', { name: '登录', exact: true }).click();
		await finder.getByRole('alert').waitFor();
		expect(await finder.getByRole('alert').textContent()).toContain('已被作废');
		await finder.context().close();
	});

	it('draws a sub-panel that the public page verifies on the server and in the browser', async () => {
		const page = await signIn('/jury/draws');
		await page.getByLabel('被评议单位').selectOption({ label: unit });
		await page.getByLabel('抽选人数 N').fill('1');
		await page.getByLabel('公开数值来源').fill(drawSource);
		await page.getByRole('button', { name: '生成候选名单并公布承诺值' }).click();
		await page.waitForURL(/\/jury\/draws\/\d+$/);
		expect(await page.getByTestId('commitment').textContent()).toMatch(/^[0-9a-f]{64}$/);
		expect(await page.getByTestId('public-value-source').textContent()).toContain(drawSource);

		// Spaces pass the browser's `required`; the server trims them and refuses.
		await page.getByLabel('公开数值').fill('   ');
		await page.getByRole('button', { name: '揭晓' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toContain('请填写公开数值');
		expect(await page.getByTestId('revealed-at').textContent()).toContain('尚未揭晓');
		await page.getByLabel('公开数值').fill('2026135');
		await page.getByRole('button', { name: '揭晓' }).click();
		await page.getByRole('button', { name: '为抽中成员签发登录码' }).click();
		await expect
			.poll(() => page.getByTestId('invitation-code').first().textContent())
			.toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		await page.getByRole('link', { name: '公开复核页面' }).click();
		await page.waitForURL(/\/draws\/\d+$/);
		expect(await page.getByTestId('seed').textContent()).toMatch(/^[0-9a-f]{64}$/);
		expect(await page.getByTestId('server-check').textContent()).toContain('一致');
		await expect
			.poll(() => page.getByTestId('browser-check').textContent())
			.toContain('重新计算的结果与公布结果一致');
		expect(await page.getByTestId('browser-check').textContent()).not.toContain('不一致');
		const drawPath = new URL(page.url()).pathname;
		await page.context().close();
		await checkTimesAndSourceWithoutScript(drawPath);
	});
});

const drawSource = `福彩3D 第2026135期开奖号码（2026-05-20 21:15 公布）${Date.now() % 100000}`;

/**
 * The public page and list, without JavaScript: when the draw was committed and revealed (Beijing
 * time) and the source declared at commitment, so a reader can see the value came after the seed.
 */
async function checkTimesAndSourceWithoutScript(drawPath: string) {
	const page = await openPage(browser, { javaScriptEnabled: false });
	await page.goto(drawPath);
	expect((await page.getByTestId('public-value-source').textContent())?.trim()).toBe(drawSource);
	expect((await page.getByTestId('public-value').textContent())?.trim()).toBe('2026135');
	const shown = async (testId: string) => {
		const time = page.getByTestId(testId).locator('time');
		const iso = (await time.getAttribute('datetime')) ?? '';
		// The UTC instant, shown as its minute in China Standard Time.
		const china = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);
		expect((await time.textContent())?.trim()).toBe(`${china.replace('T', ' ')} 北京时间`);
		expect(Math.abs(Date.now() - Date.parse(iso))).toBeLessThan(10 * 60_000);
		return Date.parse(iso);
	};
	const committedAt = await shown('committed-at');
	expect(await shown('revealed-at')).toBeGreaterThan(committedAt);

	const json = await (await page.request.get(`${drawPath}/json`)).json();
	expect(json).toMatchObject({ publicValueSource: drawSource, publicValue: '2026135' });
	expect(json.committedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	expect(Date.parse(json.committedAt)).toBe(committedAt);

	await page.goto('/draws');
	const row = page.locator('tr', { has: page.locator(`a[href="${drawPath}"]`) });
	expect(await row.textContent()).toContain(drawSource);
	expect(await row.locator('time').count()).toBe(2);
	expect(await row.locator('time').first().textContent()).toContain('北京时间');
	await page.context().close();
}

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { openCampaignWithCards, prepareCampaign, type KindCase } from './support/campaigns';
import { openStaffPage } from './support/staff';

let browser: Browser;
let staff: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	staff = await openStaffPage(browser, '/campaigns');
});
afterAll(() => browser?.close());

const kinds: KindCase[] = [
	{ kind: 'unit_evaluation', label: '群众评议单位', subjects: ['市场监管局', '政务大厅社保窗口'] },
	{
		kind: 'top_bottom_ten',
		label: '十佳十差',
		subjects: ['赵一', '钱二', '孙三', '李四', '周五']
	},
	{ kind: 'appointment_appraisal', label: '一报告两评议', subjects: ['吴六'] },
	{ kind: 'democratic_assessment', label: '民主测评', subjects: ['某局领导班子'] },
	{ kind: 'satisfaction_survey', label: '满意度调查', subjects: [] }
];

/**
 * Answers every question on the visible screen: the first option of each radio group, 90 for
 * scores, and the n-th box of the n-th checkbox group (so top ten and bottom ten never overlap).
 */
async function fillVisible(page: Page) {
	const screen = page.locator('section.screen:visible');
	for (const name of await namesOf(screen.locator('input[type="radio"]')))
		await screen.locator(`input[name="${name}"]`).first().check();
	for (const input of await screen.locator('input[type="number"]').all()) await input.fill('90');
	const boxNames = await namesOf(screen.locator('input[type="checkbox"]'));
	for (const [index, name] of boxNames.entries())
		await screen.locator(`input[name="${name}"]`).nth(index).check();
}

/** Distinct input names, read through locators (they work with page JavaScript off). */
async function namesOf(inputs: Locator): Promise<string[]> {
	const names = await Promise.all((await inputs.all()).map((i) => i.getAttribute('name')));
	return [...new Set(names.filter((n): n is string => n !== null))];
}

async function vote(code: string, javaScriptEnabled: boolean): Promise<string> {
	const page = await openPage(browser, { javaScriptEnabled });
	await page.goto(`/vote/${code.replaceAll('-', '')}`);
	if (javaScriptEnabled) {
		await page.locator('form[data-enhanced]').waitFor();
		// One subject per screen: answer, go on, until the submit button appears.
		for (;;) {
			await fillVisible(page);
			const next = page.getByRole('button', { name: '下一项' });
			if (!(await next.isVisible())) break;
			await next.click();
		}
	} else {
		// Without JavaScript every subject is on the one long form.
		expect(await page.getByRole('button', { name: '下一项' }).count()).toBe(0);
		expect(await page.locator('section.screen:visible').count()).toBe(
			await page.locator('section.screen').count()
		);
		await fillVisible(page);
	}
	await page.getByRole('button', { name: '提交评议票' }).click();
	await page.waitForURL('**/vote/done?r=*');
	const receipt = (await page.getByTestId('receipt').textContent())?.trim() ?? '';
	expect(receipt).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

	// The card is spent: opening it again says so and shows no form.
	const again = await page.goto(`/vote/${code}`);
	expect(again?.status()).toBe(410);
	expect(await page.locator('form input[type="radio"]').count()).toBe(0);
	await page.context().close();
	return receipt;
}

describe('every kind of campaign, created from its template and voted on a phone', () => {
	for (const c of kinds) {
		it(`${c.kind}: staff open it and print cards; two citizens vote, with and without JavaScript`, async () => {
			const [first, second] = await prepareCampaign(staff, c);
			const withScript = await vote(first, true);
			const withoutScript = await vote(second, false);
			expect(withScript).not.toBe(withoutScript);

			await staff.goto(staff.url().replace(/\/cards.*$/, ''));
			expect(await staff.getByText('评议卡：已生成 2 张，已使用 2 张。').count()).toBe(1);
			const turnout = staff.getByTestId('turnout').locator('tbody tr').first().locator('td');
			// Eligible (cards printed), voted, paper.
			expect(await turnout.allTextContents()).toEqual([expect.any(String), '2', '2', '0']);

			await staff.goto('/campaigns');
			const row = staff.locator('table.data tr', { hasText: `E2E ${c.label}` });
			expect(await row.locator('td').nth(2).textContent()).toContain('进行中');
		});
	}
});

/** The ballot's idempotency key, as the form will send it. */
const keyOf = (page: Page) => page.locator('input[name="idempotency_key"]').inputValue();

/** A two-subject democratic assessment (one card), opened on a phone with JavaScript. */
async function twoSubjectBallot(
	label: string
): Promise<{ page: Page; code: string; scripts: string[] }> {
	const [code] = await prepareCampaign(staff, {
		kind: 'democratic_assessment',
		label,
		subjects: ['甲', '乙']
	});
	const page = await openPage(browser);
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await page.goto(`/vote/${code}`);
	await page.locator('form[data-enhanced]').waitFor();
	return { page, code, scripts };
}

describe('the ballot form', () => {
	it('loads one small script and no client framework, and shows one subject per screen', async () => {
		const { page, scripts } = await twoSubjectBallot('民主测评（分屏）');
		expect(scripts).toEqual(['/ballot.js']);
		const visible = page.locator('section.screen:visible');
		expect(await visible.count()).toBe(1);
		expect(await visible.locator('h2').textContent()).toContain('甲');
		expect(await page.getByRole('button', { name: '上一项' }).isDisabled()).toBe(true);
		expect(await page.getByRole('button', { name: '提交评议票' }).isVisible()).toBe(false);
		await page.getByRole('button', { name: '下一项' }).click();
		expect(await visible.locator('h2').textContent()).toContain('乙');
		// Moving on puts the new screen's heading in focus (a screen reader hears where it is).
		expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('乙');
		expect(await page.getByRole('button', { name: '下一项' }).isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: '提交评议票' }).isVisible()).toBe(true);
		await page.getByRole('button', { name: '上一项' }).click();
		expect(await visible.locator('h2').textContent()).toContain('甲');
		await page.context().close();
	});

	it('sends again with the same key when the answer is lost, and shows the one receipt', async () => {
		const { page } = await twoSubjectBallot('民主测评（重试）');
		await fillVisible(page);
		await page.getByRole('button', { name: '下一项' }).click();
		await fillVisible(page);
		const key = await keyOf(page);
		// The first post reaches the server and is stored, but its answer never arrives.
		const posted: string[] = [];
		let firstAnswer = '';
		await page.route(
			(url) => url.search === '?/submit',
			async (route) => {
				posted.push(route.request().postData() ?? '');
				if (posted.length > 1) return route.continue();
				const response = await route.fetch();
				firstAnswer = await response.text();
				await route.abort('connectionreset');
			}
		);
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.getByText('网络不稳定，正在重试…').waitFor();
		await page.waitForURL('**/vote/done?r=*');
		expect(posted).toHaveLength(2);
		expect(posted.map((body) => new URLSearchParams(body).get('idempotency_key'))).toEqual([
			key,
			key
		]);
		// The retry got the receipt the lost answer carried, not a "card used" refusal.
		const receipt = (await page.getByTestId('receipt').textContent())?.trim() ?? '';
		expect(receipt).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
		expect(JSON.parse(firstAnswer)).toMatchObject({ type: 'redirect' });
		expect(JSON.parse(firstAnswer).location).toContain(encodeURIComponent(receipt));
		// The draft is gone with the receipt.
		expect(
			await page.evaluate(() =>
				Object.keys(localStorage).filter((k) => k.startsWith('minping-ballot-draft:'))
			)
		).toEqual([]);
		await page.context().close();
	});

	it("shows the server's problems and moves to the screen of the first one", async () => {
		const { page } = await twoSubjectBallot('民主测评（漏答一屏）');
		// The first subject is left empty; the second is answered and sent.
		await page.getByRole('button', { name: '下一项' }).click();
		await fillVisible(page);
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toContain('请作答');
		await expect
			.poll(() => page.locator('section.screen:visible h2').textContent())
			.toContain('甲');
		// Answered now, the same form goes through.
		await fillVisible(page);
		await page.getByRole('button', { name: '下一项' }).click();
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');
		await page.context().close();
	});

	it('keeps a draft through a reload and shows progress', async () => {
		const [code] = await prepareCampaign(staff, {
			kind: 'democratic_assessment',
			label: '民主测评（草稿）',
			subjects: ['甲', '乙']
		});
		const page = await openPage(browser);
		await page.goto(`/vote/${code}`);
		await page.locator('form[data-enhanced]').waitFor();
		expect(await page.locator('.progress').textContent()).toContain('已完成 0 / 2 项');
		await fillVisible(page);
		await expect.poll(() => page.locator('.progress').textContent()).toContain('已完成 1 / 2 项');
		const key = await keyOf(page);
		await page.reload();
		await page.locator('form[data-enhanced]').waitFor();
		await expect
			.poll(() => page.locator('section.screen:visible input[type="radio"]:checked').count())
			.toBe(6);
		expect(await page.locator('.progress').textContent()).toContain('已完成 1 / 2 项');
		// The draft's key comes back too: a resend after a lost answer is never counted twice.
		expect(await keyOf(page)).toBe(key);
		await page.getByRole('button', { name: '下一项' }).click();
		await fillVisible(page);
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');
		await page.context().close();
	});

	it('points a rater at the questions left unanswered, from the server', async () => {
		const [code] = await prepareCampaign(staff, {
			kind: 'satisfaction_survey',
			label: '满意度（漏答）',
			subjects: []
		});
		// With JavaScript the form skips the browser's own required check, so the server answers.
		const page = await openPage(browser);
		await page.goto(`/vote/${code}`);
		await page.locator('form[data-enhanced]').waitFor();
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.getByRole('alert').waitFor();
		const alert = await page.getByRole('alert').textContent();
		expect(alert).toContain('有 4 处需要补充或修改');
		expect(alert).toContain('请作答');
		// The summary links to the questions.
		await page.getByRole('alert').getByRole('link').first().click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('FIELDSET');
		await page.context().close();
	});
});

describe('card holders', () => {
	it('typing a card code at /code opens its ballot; spent cards opened again block no one', async () => {
		const { codes } = await openCampaignWithCards(
			staff,
			{ kind: 'satisfaction_survey', label: '满意度（现场卡）', subjects: [] },
			2
		);
		const [spent, fresh] = codes;
		// The home page's citizen tile leads to /code; a card's code typed there goes to its ballot.
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto('/code');
		await page.getByLabel('邀请码或评议码').fill(spent.toLowerCase());
		await page.getByRole('button', { name: '登录', exact: true }).click();
		await page.waitForURL(`**/vote/${spent.replaceAll('-', '')}`);
		// Without JavaScript nothing would move the progress line: it is not shown.
		expect(await page.locator('.progress').isVisible()).toBe(false);
		await fillVisible(page);
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');

		// Reloads, the back button, rescans: more than the wrong-code limit, all answered "used",
		// never from the browser's cache, and a fresh card from the same address still opens.
		for (let i = 0; i < 32; i++) {
			const again = await page.goto(`/vote/${spent}`);
			expect(again?.status()).toBe(410);
			expect(again?.headers()['cache-control']).toBe('no-store');
		}
		const next = await page.goto(`/vote/${fresh}`);
		expect(next?.status()).toBe(200);
		expect(await page.locator('form input[type="radio"]').count()).toBeGreaterThan(0);
		await page.context().close();
	});
});

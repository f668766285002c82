import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, openPage } from './support/browser';
import { cadreRows, csvOf, regionRows, unitRows } from '../fixtures/reference/sheets';
import { clickAndConfirm, openCampaignWithCards } from './support/campaigns';
import { openStaffPage, signIn } from './support/staff';

/**
 * Staff flows of issue 6's second half, all without JavaScript: a campaign's consequence rules
 * edited (a bad rule refused with its problem named), two district surveys ranked in a ranking
 * group with the group's last-place rule, the public combined ranking, and interviews (约谈).
 */
let browser: Browser;
let staff: Page;
const ids: string[] = [];

// Regions, units and cadres of our own: a PostgreSQL test database starts without the demo data.
const prefix = 'E2ERES';
const teamUnit = `${prefix}市人力资源和社会保障局`;
const cadreUnit = `${prefix}市市场监督管理局`;

beforeAll(async () => {
	browser = await launchBrowser();
	const importer = await openStaffPage(browser, '/reference/import');
	for (const [entity, rows] of [
		['region', regionRows(prefix)],
		['unit', unitRows(prefix)],
		['cadre', cadreRows(prefix)]
	] as const) {
		await importer.getByLabel('数据类型').selectOption(entity);
		await importer.locator('input[name="file"]').setInputFiles({
			name: `${entity}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.from(csvOf(rows))
		});
		await importer.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
		await importer.locator('.alert.success', { hasText: '新增' }).waitFor();
	}
	await importer.context().close();
	staff = await openPage(browser, {
		javaScriptEnabled: false,
		viewport: { width: 1280, height: 900 }
	});
	await signIn(staff, '/results');
});
afterAll(() => browser?.close());

/** Votes once with each card, without JavaScript, ticking every radio of the given values. */
async function voteWithCards(codes: string[], values: string[]) {
	for (const code of codes) {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto(`/vote/${code.replaceAll('-', '')}`);
		for (const value of values)
			for (const radio of await page.locator(`input[type="radio"][value="${value}"]`).all())
				await radio.check();
		await page.getByRole('button', { name: '提交评议票' }).click();
		await page.waitForURL('**/vote/done?r=*');
		await page.context().close();
	}
}

async function survey(label: string, option: string): Promise<string> {
	const { id, codes } = await openCampaignWithCards(
		staff,
		{ kind: 'satisfaction_survey', label, subjects: [] },
		5
	);
	await voteWithCards(codes, [option]);
	return id;
}

async function closeAndPublish(id: string) {
	await staff.goto(`/campaigns/${id}`);
	await clickAndConfirm(staff, '结束投票');
	await staff.waitForURL(`**/campaigns/${id}*`);
	await staff.goto(`/results/${id}`);
	await clickAndConfirm(staff, '发布结果');
	await staff.getByText('结果快照 SHA-256：').waitFor();
}

/** The id of the imported cadre who works in `unit`, from the interview form's choices. */
async function cadreOption(unit: string): Promise<string> {
	await staff.goto('/results/interviews');
	return (await staff.locator('#iv-cadre option', { hasText: unit }).getAttribute('value')) ?? '';
}

/** A democratic assessment of one cadre, open, with five cards all voting 优秀; its id. */
async function assessmentOfExcellent(cadreId: string, title: string): Promise<string> {
	await staff.goto('/campaigns/new');
	await staff.locator('input[name="kind"][value="democratic_assessment"]').check();
	await staff.getByLabel('标题').fill(title);
	await staff.locator(`input[name="cadreIds"][value="${cadreId}"]`).check();
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	const id = new URL(staff.url()).pathname.split('/').pop() ?? '';
	await clickAndConfirm(staff, '开放投票');
	await expect.poll(() => staff.getByTestId('state').textContent()).toBe('进行中');
	await staff.goto(`/campaigns/${id}/cards?n=5`);
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	const codes = (await staff.getByTestId('ballot-code').allTextContents()).map((c) => c.trim());
	expect(codes).toHaveLength(5);
	await voteWithCards(codes, ['excellent', 'good']);
	return id;
}

/** Records an interview of a cadre (by id) or of a unit's leadership team (by name). */
async function recordInterview(who: { cadreId: string } | { unit: string }, reason: string) {
	await staff.goto('/results/interviews');
	if ('cadreId' in who) await staff.locator('#iv-cadre').selectOption(who.cadreId);
	else {
		await staff.getByLabel('单位领导班子').check();
		await staff.locator('#iv-unit').selectOption({ label: who.unit });
	}
	await staff.getByLabel('约谈事由').fill(reason);
	await staff.getByRole('button', { name: '记录约谈' }).click();
	await staff.getByText('约谈已记录。').waitFor();
}

/** Closes the campaign and reads the first row of its annual rating proposals. */
async function firstProposal(id: string): Promise<string | null> {
	await staff.goto(`/campaigns/${id}`);
	await clickAndConfirm(staff, '结束投票');
	await staff.waitForURL(`**/campaigns/${id}*`);
	await staff.goto(`/results/${id}`);
	const ratings = staff.locator('#annual-ratings');
	await ratings.waitFor();
	return ratings.locator('tbody tr').first().textContent();
}

describe('results: rules, ranking groups and interviews without JavaScript', () => {
	it('edits a campaign’s rules, naming a bad rule and writing nothing', async () => {
		ids.push(await survey('东区满意度', 'satisfied'));
		ids.push(await survey('西区满意度', 'basically_satisfied'));
		await staff.goto(`/results/${ids[0]}/rules`);
		await staff.getByText('当前使用模板规则。').waitFor();
		const last = staff.locator('fieldset.rule').last();
		await last.locator('input[name$="-id"]').fill('Bad Id');
		await last.locator('select[name$="-kind"]').selectOption('bottom');
		await last.locator('input[name$="-n"]').fill('0');
		await staff.getByRole('button', { name: '保存规则' }).click();
		const alert = staff.getByRole('alert');
		await alert.waitFor();
		expect(await alert.textContent()).toContain('规则有误，未保存任何修改');
		expect(await alert.textContent()).toContain('第 2 条规则：编号须以小写字母开头');
		expect(await alert.textContent()).toContain('第 2 条规则：名次数须为 1 至 1000 的整数');

		await staff.goto(`/results/${ids[0]}/rules`);
		const row = staff.locator('fieldset.rule').last();
		await row.locator('input[name$="-id"]').fill('bottom_one');
		await row.locator('select[name$="-kind"]').selectOption('bottom');
		await row.locator('input[name$="-n"]').fill('1');
		await row.locator('input[value="key_supervision"]').check();
		await staff.getByRole('button', { name: '保存规则' }).click();
		await staff.getByText('规则已保存。').waitFor();
		await staff.getByText('当前使用本活动修改后的规则。').waitFor();
		expect(
			await staff
				.locator('input[name$="-id"]')
				.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
		).toEqual(['last_place', 'bottom_one', '']);
	});

	it('ranks two district surveys in a ranking group and publishes the combined ranking', async () => {
		for (const id of ids) await closeAndPublish(id);
		const published = await staff.request.get(
			`${baseURL()}/api/public/campaigns/${ids[0]}/results`
		);
		const rules = JSON.parse(await published.text()).rules.map((r: { id: string }) => r.id);
		expect(rules).toEqual(['last_place', 'bottom_one']);

		await staff.goto('/results/groups');
		const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
		await staff.getByLabel('名称', { exact: true }).fill('E2E 区县满意度排名');
		await staff.getByLabel('活动类型').selectOption('satisfaction_survey');
		await staff.getByLabel('年度').fill(year);
		await staff.getByRole('button', { name: '新建排名组' }).click();
		await staff.waitForURL(/\/results\/groups\/\d+$/);
		for (const id of ids) {
			await staff.getByLabel('加入活动').selectOption(id);
			await staff.getByRole('button', { name: '加入', exact: true }).click();
			await staff.waitForLoadState();
		}
		const table = staff.locator('table.data').first();
		expect(await table.textContent()).toContain('E2E 东区满意度');
		// 满意 is 80 points, 基本满意 60: the east ranks first, the west last.
		const rows = await table.locator('tbody tr').allTextContents();
		expect(rows[0]).toContain('80.00');
		expect(rows[1]).toContain('60.00');
		expect(await staff.locator('#rules').textContent()).toContain('last_place');
		await staff.getByRole('button', { name: '发布组内排名' }).click();
		await staff.getByText('组内排名已于').waitFor();
		const outcome = staff.locator('li', { hasText: 'E2E 西区满意度 — 末位' });
		expect(await outcome.textContent()).toContain('末位');
		expect(await outcome.textContent()).toContain('当年不得提拔');

		// The last-place outcome is recorded on the west survey, for staff to confirm there.
		await staff.goto(`/results/${ids[1]}`);
		expect(await staff.locator('#outcomes').textContent()).toContain('排名组 #');
	});

	it('shows the combined ranking to the public with verifiable JSON and CSV', async () => {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await page.goto(`/public/campaigns/${ids[1]}`);
		await page.getByRole('link', { name: /跨区县排名/ }).click();
		await page.waitForURL('**/public/rankings/*');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('E2E 区县满意度排名');
		const json = await page.request.get(`${baseURL()}/api/public/campaigns/${ids[1]}/ranking`);
		expect(json.status()).toBe(200);
		const body = await json.body();
		expect(createHash('sha256').update(body).digest('hex')).toBe(
			json.headers()['x-results-sha256']
		);
		expect(JSON.parse(body.toString('utf8'))).toMatchObject({
			format: 'minping-ranking-group/1',
			rulesApplied: ['last_place']
		});
		const csv = await page.request.get(
			`${baseURL()}/api/public/campaigns/${ids[1]}/ranking?format=csv`
		);
		expect((await csv.text()).split('\r\n')[0]).toContain('group_id,campaign_id,subject_id');
		await page.context().close();
	});

	it('records, lists and deletes an interview', async () => {
		await staff.goto('/results/interviews');
		await staff.getByLabel('单位领导班子').check();
		await staff.locator('#iv-unit').selectOption({ label: teamUnit });
		await staff.getByLabel('约谈事由').fill('E2E 群众反映集中');
		await staff.getByRole('button', { name: '记录约谈' }).click();
		await staff.getByText('约谈已记录。').waitFor();
		const row = staff.locator('tr', { hasText: 'E2E 群众反映集中' });
		expect(await row.textContent()).toContain(teamUnit);

		// A reason left empty is refused with a readable message and status 400, nothing recorded.
		const refused = await staff.request.post(`${baseURL()}/results/interviews?/record`, {
			form: { kind: 'team', unit: '1', heldOn: '2026-01-01', reason: '' },
			headers: { origin: baseURL(), accept: 'application/json' }
		});
		const answer = await refused.json();
		expect(answer).toMatchObject({ type: 'failure', status: 400 });
		expect(answer.data).toContain('请填写约谈事由');

		await row.getByRole('button', { name: '删除' }).click();
		await staff.getByText('约谈记录已删除。').waitFor();
		expect(await staff.locator('tr', { hasText: 'E2E 群众反映集中' }).count()).toBe(0);
	});

	it('proposes an annual rating capped by the cadre’s interview, saying why', async () => {
		const cadreId = await cadreOption(cadreUnit);
		const id = await assessmentOfExcellent(cadreId, 'E2E 年度民主测评');
		await recordInterview({ cadreId }, 'E2E 工作作风');
		const row = await firstProposal(id);
		// Five 优秀 give 100.00 (优秀 by score); one interview this year: 称职 at best.
		expect(row).toContain('100.00');
		expect(row).toContain('干部年内被约谈1次，不得评为优秀');
		expect(row).toContain('约谈 1 次');
		expect(await staff.locator('#annual-ratings tbody tr strong').first().textContent()).toBe(
			'称职'
		);
	});

	it('takes 优秀 from a unit’s principal leader when the unit’s team was interviewed twice', async () => {
		await staff.goto(`/reference/cadres?q=${prefix}-C2`);
		await staff.getByRole('link', { name: `${prefix}-C2` }).click();
		await staff.waitForURL('**/reference/cadres/*');
		await staff.getByLabel('单位主要负责人（书记或行政正职）').check();
		await staff.getByRole('button', { name: '保存' }).click();
		await staff.waitForURL('**?saved=1');

		const cadreId = await cadreOption(teamUnit);
		const id = await assessmentOfExcellent(cadreId, 'E2E 主要负责人测评');
		for (const reason of ['E2E 班子一', 'E2E 班子二'])
			await recordInterview({ unit: teamUnit }, reason);
		const row = await firstProposal(id);
		expect(row).toContain('领导班子年内被约谈2次及以上，其主要负责人不得评为优秀');
		expect(row).toContain(`其为${teamUnit}主要负责人，${teamUnit}领导班子`);
		expect(row).toContain('被约谈 2 次');
		expect(await staff.locator('#annual-ratings tbody tr strong').first().textContent()).toBe(
			'称职'
		);
	});
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser } from './support/browser';
import { signInCookie } from './support/fuzz-http';
import { e2eAdmin, openStaffPage } from './support/staff';
import { clickAndConfirm } from './support/campaigns';

let browser: Browser;
let codes: string[];
let juror: { cookie: string; campaignId: string; definition: Definition };
/** The card campaign: its electorate is whoever holds a card, so no juror is on a list of it. */
let cardCampaignId: string;

/** Staff open a satisfaction survey and print three cards, through the pages. */
beforeAll(async () => {
	browser = await launchBrowser();
	const staff = await openStaffPage(browser, '/campaigns/new');
	await staff.locator('input[name="kind"][value="satisfaction_survey"]').check();
	await staff.getByLabel('标题').fill('E2E JSON 问卷');
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	await clickAndConfirm(staff, '开放投票');
	await staff.getByRole('button', { name: '结束投票' }).waitFor();
	cardCampaignId = new URL(staff.url()).pathname.split('/').pop() ?? '';
	await staff.goto(`${new URL(staff.url()).pathname}/cards?n=3`);
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	await staff.getByTestId('ballot-code').first().waitFor();
	codes = (await staff.getByTestId('ballot-code').allTextContents()).map((c) => c.trim());
	juror = await jurorOnNamedList(staff);
	await staff.context().close();
});
afterAll(() => browser?.close());

interface Definition {
	subjects: { id: number }[];
	questions: { key: string }[];
}

function post(code: string, body: string, headers: Record<string, string> = {}) {
	return fetch(`${baseURL()}/vote/${code}/ballot`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseURL(), ...headers },
		body
	});
}

function ballotFor(definition: Definition, option: string) {
	return definition.questions.reduce<Record<string, { option: string }>>(
		(answers, q) => ({ ...answers, [q.key]: { option } }),
		{}
	);
}

/**
 * A juror account with its invitation code, a satisfaction survey naming only that juror, and
 * the juror's session cookie from signing in with the code (through the pages and /code).
 */
async function jurorOnNamedList(staff: Page) {
	await staff.goto('/admin');
	await staff.locator('input[name="kind"][value="juror"]').check();
	await staff.locator('input[name="displayName"]').fill('E2E JSON 委员');
	await staff.getByRole('button', { name: '创建账号' }).click();
	await staff.waitForURL(/\/admin\/users\/\d+$/);
	await staff.getByRole('button', { name: '发放新邀请码' }).click();
	const invitation = ((await staff.locator('.card .code').textContent()) ?? '').trim();

	await staff.goto('/campaigns/new');
	await staff.locator('input[name="kind"][value="satisfaction_survey"]').check();
	await staff.getByLabel('标题').fill('E2E JSON 记名问卷');
	await staff.locator('input[name="electorateSource"][value="named"]').check();
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	const campaignId = new URL(staff.url()).pathname.split('/').pop() ?? '';
	await staff.getByRole('checkbox', { name: 'E2E JSON 委员' }).check();
	await staff.getByRole('button', { name: '保存名单' }).click();
	await staff.waitForLoadState('networkidle');
	await clickAndConfirm(staff, '开放投票');
	await staff.getByRole('button', { name: '结束投票' }).waitFor();
	// The definition as a card holder sees it: print one card to read it.
	await staff.goto(`/campaigns/${campaignId}/cards?n=1`);
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	const card = ((await staff.getByTestId('ballot-code').first().textContent()) ?? '').trim();
	const definition = (await (await fetch(`${baseURL()}/vote/${card}/ballot`)).json()) as Definition;

	const signedIn = await fetch(`${baseURL()}/code`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: baseURL()
		},
		body: new URLSearchParams({ code: invitation }).toString(),
		redirect: 'manual'
	});
	expect(signedIn.status).toBe(303);
	const cookie = signedIn.headers
		.getSetCookie()
		.map((c) => c.split(';', 1)[0])
		.join('; ');
	expect(cookie).toContain('minping_session=');
	return { cookie, campaignId, definition };
}

function postJuror(path: string, body: string, headers: Record<string, string> = {}) {
	return fetch(`${baseURL()}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: baseURL(),
			cookie: juror.cookie,
			...headers
		},
		body
	});
}

describe('the JSON ballot', () => {
	it('stores a ballot once, answers a retry with the same receipt, and refuses bad bodies', async () => {
		const [code, other] = codes;
		const definition = (await (
			await fetch(`${baseURL()}/vote/${code}/ballot`)
		).json()) as Definition;
		expect(definition.questions.map((q) => q.key)).toEqual([
			'org_work',
			'org_staff_image',
			'selection',
			'malpractice'
		]);
		const subjectId = definition.subjects[0].id;
		const key = crypto.randomUUID();
		const good = JSON.stringify({
			idempotencyKey: key,
			ballots: [{ subjectId, answers: ballotFor(definition, 'satisfied') }]
		});

		const broken = await post(code, '{"idempotencyKey":');
		expect(broken.status).toBe(400);
		// Behind scripts/serve.js the lean route answers, in the same shape as SvelteKit's endpoint.
		expect(broken.headers.get('x-ballot-route')).toBe('lean');
		expect(await broken.json()).toMatchObject({ code: 'malformed', problems: [] });
		expect((await post(code, 'x'.repeat(300_000))).status).toBe(413);
		const foreign = await post(code, good, { origin: 'https://elsewhere.example' });
		expect(foreign.status).toBe(403);
		expect((await foreign.json()).code).toBe('cross_origin');
		const form = await post(code, 'idempotencyKey=x', {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(form.status).toBe(415);
		const english = await post(code, 'plain', {
			'content-type': 'text/plain',
			cookie: 'PARAGLIDE_LOCALE=en'
		});
		expect(await english.json()).toMatchObject({
			code: 'json_only',
			message: /^Send the ballot as JSON/
		});
		expect((await post(code, good, { origin: '' })).status).toBe(403);
		const offScale = await post(
			code,
			JSON.stringify({
				idempotencyKey: crypto.randomUUID(),
				ballots: [{ subjectId, answers: ballotFor(definition, 'ecstatic') }]
			})
		);
		expect(offScale.status).toBe(400);
		const refusal = await offScale.json();
		expect(refusal.code).toBe('invalid_answers');
		expect(refusal.problems).toHaveLength(4);

		// Content-Type in any case, with parameters.
		const first = await post(code, good, { 'content-type': 'Application/JSON; Charset=UTF-8' });
		expect(first.status).toBe(201);
		const receipt = await first.json();
		const retry = await post(code, good);
		expect(retry.status).toBe(200);
		expect(await retry.json()).toEqual({ receiptCode: receipt.receiptCode, repeated: true });

		const again = await post(
			code,
			JSON.stringify({ ...JSON.parse(good), idempotencyKey: crypto.randomUUID() })
		);
		expect(again.status).toBe(410);
		expect((await again.json()).code).toBe('code_used');

		// The untouched card still votes: nothing above spent it.
		const fresh = JSON.stringify({
			idempotencyKey: crypto.randomUUID(),
			ballots: [{ subjectId, answers: ballotFor(definition, 'unknown') }]
		});
		expect((await post(other, fresh)).status).toBe(201);
	});

	it('takes a signed-in juror’s ballot on /api/ballots/<campaign>, once', async () => {
		const path = `/api/ballots/${juror.campaignId}`;
		const subjectId = juror.definition.subjects[0].id;
		const ballot = (option: string, key = crypto.randomUUID()) =>
			JSON.stringify({
				idempotencyKey: key,
				ballots: [{ subjectId, answers: ballotFor(juror.definition, option) }]
			});
		const good = ballot('satisfied');

		const anonymous = await postJuror(path, good, { cookie: '' });
		expect(anonymous.status).toBe(401);
		expect((await anonymous.json()).code).toBe('sign_in_required');
		const staffCookie = await signInCookie(baseURL(), e2eAdmin);
		const staff = await postJuror(path, good, { cookie: staffCookie });
		expect(staff.status).toBe(403);
		expect((await staff.json()).code).toBe('forbidden');
		expect((await postJuror(path, good, { origin: 'https://elsewhere.example' })).status).toBe(403);
		expect((await postJuror(path, good, { 'content-type': 'text/plain' })).status).toBe(415);
		expect((await postJuror(path, 'x'.repeat(300_000))).status).toBe(413);
		const missing = await postJuror('/api/ballots/99999999', good);
		expect(missing.status).toBe(404);
		expect((await missing.json()).code).toBe('campaign_not_found');
		const offList = await postJuror(`/api/ballots/${cardCampaignId}`, good);
		expect(offList.status).toBe(403);
		expect((await offList.json()).code).toBe('not_in_electorate');
		const offScale = await postJuror(path, ballot('ecstatic'));
		expect(offScale.status).toBe(400);
		expect((await offScale.json()).problems).toHaveLength(4);

		const first = await postJuror(path, good);
		expect(first.status).toBe(201);
		expect(first.headers.get('x-ballot-route')).toBe('lean');
		const receipt = await first.json();
		const retry = await postJuror(path, good);
		expect(retry.status).toBe(200);
		expect(await retry.json()).toEqual({ receiptCode: receipt.receiptCode, repeated: true });
		const again = await postJuror(path, ballot('unknown'));
		expect(again.status).toBe(409);
		expect((await again.json()).code).toBe('already_voted');
	});
});

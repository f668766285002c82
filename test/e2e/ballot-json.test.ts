import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser } from './support/browser';
import { openStaffPage } from './support/staff';

let browser: Browser;
let codes: string[];

/** Staff open a satisfaction survey and print three cards, through the pages. */
beforeAll(async () => {
	browser = await launchBrowser();
	const staff = await openStaffPage(browser, '/campaigns/new');
	await staff.locator('input[name="kind"][value="satisfaction_survey"]').check();
	await staff.getByLabel('标题').fill('E2E JSON 问卷');
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	await staff.getByRole('button', { name: '开放投票' }).click();
	await staff.getByRole('button', { name: '结束投票' }).waitFor();
	await staff.goto(`${new URL(staff.url()).pathname}/cards?n=3`);
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	await staff.getByTestId('ballot-code').first().waitFor();
	codes = (await staff.getByTestId('ballot-code').allTextContents()).map((c) => c.trim());
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

		expect((await post(code, '{"idempotencyKey":')).status).toBe(400);
		expect((await post(code, 'x'.repeat(300_000))).status).toBe(413);
		expect((await post(code, good, { origin: 'https://elsewhere.example' })).status).toBe(403);
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

		const first = await post(code, good);
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
});

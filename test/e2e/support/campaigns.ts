import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface KindCase {
	kind: string;
	/** The campaign is titled "E2E <label>". */
	label: string;
	subjects: string[];
}

/**
 * Staff create the campaign from its template through the pages, open it and print `cards`
 * on-site ballot cards. Returns the campaign id and the cards' codes.
 */
export async function openCampaignWithCards(
	staff: Page,
	c: KindCase,
	cards: number
): Promise<{ id: string; codes: string[] }> {
	await staff.goto('/campaigns/new');
	await staff.locator(`input[name="kind"][value="${c.kind}"]`).check();
	await staff.getByLabel('标题').fill(`E2E ${c.label}`);
	await staff.getByLabel('其他评议对象').fill(c.subjects.join('\n'));
	await staff.getByRole('button', { name: '创建草稿' }).click();
	await staff.waitForURL(/\/campaigns\/\d+$/);
	expect(await staff.getByTestId('state').textContent()).toBe('草稿');
	await clickAndConfirm(staff, '开放投票');
	await expect.poll(() => staff.getByTestId('state').textContent()).toBe('进行中');

	const id = new URL(staff.url()).pathname.split('/').pop() ?? '';
	await staff.goto(`/campaigns/${id}/cards?n=${cards}`);
	expect(await staff.getByLabel('张数').inputValue()).toBe(String(cards));
	await staff.getByRole('button', { name: '生成评议卡' }).click();
	await staff.getByTestId('ballot-code').first().waitFor();
	expect(await staff.locator('svg.qr path').count()).toBe(cards);
	const codes = await staff.getByTestId('ballot-code').allTextContents();
	expect(codes).toHaveLength(cards);
	return { id, codes: codes.map((code) => code.trim()) };
}

/** Two cards of a new open campaign; returns their codes. */
export async function prepareCampaign(staff: Page, c: KindCase): Promise<string[]> {
	return (await openCampaignWithCards(staff, c, 2)).codes;
}

/**
 * Clicks an irreversible action's button and then the confirmation the page shows for it
 * ("确认：开放投票"; "确认发布结果" for publishing), with or without JavaScript.
 */
export async function clickAndConfirm(page: Page, label: string): Promise<void> {
	await page.getByRole('button', { name: label, exact: true }).click();
	const confirmLabel = label === '发布结果' ? '确认发布结果' : `确认：${label}`;
	const confirm = page.getByRole('button', { name: confirmLabel, exact: true });
	await confirm.click();
	// Done when the page that follows (the redirect) no longer shows the confirmation.
	await confirm.waitFor({ state: 'detached' });
}

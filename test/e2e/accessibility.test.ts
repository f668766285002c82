import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { prepareCampaign } from './support/campaigns';
import { openStaffPage } from './support/staff';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Serious and critical WCAG 2 A/AA violations, as "rule: target" lines so a failure reads well. */
async function seriousViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
	it.each(['/', '/login', '/apply', '/code', '/code?reason=expired'])(
		'the public page %s has no serious violations on a phone',
		async (path) => {
			const page = await openPage(browser);
			await page.goto(path);
			expect(await seriousViolations(page)).toEqual([]);
			await page.context().close();
		}
	);

	it('the ballot form has no serious violations, with and without JavaScript', async () => {
		const staff = await openStaffPage(browser, '/campaigns');
		const codes = await prepareCampaign(staff, {
			kind: 'democratic_assessment',
			label: '民主测评（无障碍）',
			subjects: ['某局领导班子']
		});
		await staff.context().close();
		for (const appScripts of [true, false]) {
			// axe itself needs JavaScript, so "without JavaScript" means the app's own scripts are
			// blocked: the page stays exactly as the server rendered it.
			const page = await openPage(browser);
			if (!appScripts) {
				await page.route('**/_app/**/*.js', (route) => route.abort());
				await page.route('**/ballot.js?*', (route) => route.abort());
			}
			await page.goto(`/vote/${codes[0]}`);
			if (appScripts) await page.locator('form[data-enhanced]').waitFor();
			else expect(await page.locator('form[data-enhanced]').count()).toBe(0);
			expect(await seriousViolations(page)).toEqual([]);
			await page.context().close();
		}
	});
});

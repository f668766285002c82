import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** The system Chromium (Debian's package); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const quietFlags = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath, headless: true, args: quietFlags });
}

export const baseURL = (): string => inject('baseURL');

/** A phone-sized page by default: most jurors use phones. */
export async function openPage(
	browser: Browser,
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext({
		baseURL: baseURL(),
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN',
		...options
	});
	return context.newPage();
}

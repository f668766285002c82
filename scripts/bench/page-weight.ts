// What a phone downloads to show a page: Chromium (playwright-core, the system browser) opens it
// with a phone viewport, every response is recorded until the network is idle, and every
// JavaScript file is gzip-sized (level 9, as adapter-node precompresses the build). Without
// Chromium, the files are found from the page's start scripts, its route's nodes and their static
// imports (what SvelteKit loads before hydrating; a later dynamic import would be missed).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface ScriptWeight {
	url: string;
	name: string;
	/** What the file is, where it can be told ('Svelte runtime', 'SvelteKit client', …). */
	label: string;
	/** Svelte or SvelteKit itself (loads on every hydrated page), not the app's code. */
	framework: boolean;
	rawBytes: number;
	gzipBytes: number;
}

export interface PageWeight {
	scripts: ScriptWeight[];
	jsRawBytes: number;
	jsGzipBytes: number;
	/** Bytes on the wire for every response (bodies as received, plus headers). */
	transferBytes: number;
	responses: number;
	transferEncoding: string;
	method: string;
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function measurePageWeight(pageUrl: string): Promise<PageWeight> {
	if (existsSync(chromiumPath)) return withChromium(pageUrl);
	return fromLinks(pageUrl);
}

async function withChromium(pageUrl: string): Promise<PageWeight> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			locale: 'zh-CN'
		});
		const page = await context.newPage();
		const seen: { url: string; type: string; sizes: Promise<number>; encoding: string }[] = [];
		page.on('response', (response) => {
			const request = response.request();
			seen.push({
				url: response.url(),
				type: request.resourceType(),
				sizes: request
					.sizes()
					.then((s) => s.responseBodySize + s.responseHeadersSize)
					.catch(() => 0),
				encoding: response.headers()['content-encoding'] ?? 'identity'
			});
		});
		const answer = await page.goto(pageUrl, { waitUntil: 'networkidle' });
		if (!answer || answer.status() !== 200)
			throw new Error(`the ballot form page answered ${answer?.status()}`);
		// The form must be the real one (a refusal page would weigh less).
		if ((await page.locator('form').count()) === 0)
			throw new Error('the ballot form page shows no form');
		const transfer = (await Promise.all(seen.map((s) => s.sizes))).reduce((a, b) => a + b, 0);
		const scriptUrls = seen
			.filter((s) => s.type === 'script' || /\.m?js(\?|$)/.test(new URL(s.url).pathname))
			.map((s) => s.url);
		const encodings = [...new Set(seen.map((s) => s.encoding))].join(', ');
		return {
			...(await weigh(unique(scriptUrls))),
			transferBytes: transfer,
			responses: seen.length,
			transferEncoding: `HTML, CSS, JavaScript, fonts and images as Chromium received them, content-encoding: ${encodings}`,
			method: 'every script Chromium loaded until the network was idle'
		};
	} finally {
		await browser.close();
	}
}

async function fromLinks(pageUrl: string): Promise<PageWeight> {
	const response = await fetch(pageUrl);
	if (response.status !== 200) throw new Error(`the ballot form page answered ${response.status}`);
	const html = await response.text();
	// The page starts SvelteKit with import("…/start.js") and import("…/app.js") and names the
	// route's nodes (layouts and page) in node_ids; the error page always loads too.
	const entries = [...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) =>
		new URL(m[1], pageUrl).toString()
	);
	const app = entries.find((url) => /\/entry\/app\./.test(url));
	const nodeIds = /node_ids:\s*\[([\d,\s]*)\]/
		.exec(html)?.[1]
		.split(',')
		.map((id) => id.trim());
	if (!app || !nodeIds) throw new Error('no SvelteKit start script in the page');
	const appText = await (await fetch(app)).text();
	const nodes = [...new Set([...nodeIds, '1'])].map((id) => {
		const file = new RegExp(`\\.\\./nodes/${id}\\.[\\w-]+\\.js`).exec(appText)?.[0];
		if (!file) throw new Error(`node ${id} not found in the app entry`);
		return new URL(file, app).toString();
	});
	// Then every static import, transitively (what the browser fetches before it runs them).
	const found = new Set<string>();
	const queue = [...entries, ...nodes];
	while (queue.length) {
		const url = queue.shift()!;
		if (found.has(url)) continue;
		found.add(url);
		const text = await (await fetch(url)).text();
		for (const m of text.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g))
			queue.push(new URL(m[1], url).toString());
	}
	const weights = await weigh([...found]);
	return {
		...weights,
		transferBytes: gzipSync(html, { level: 9 }).length + weights.jsGzipBytes,
		responses: 1 + weights.scripts.length,
		transferEncoding: 'HTML and JavaScript gzip-sized here; CSS, fonts and images not counted',
		method: `no Chromium at ${chromiumPath}: the start scripts, the route's nodes and their static imports`
	};
}

async function weigh(urls: string[]) {
	const scripts: ScriptWeight[] = [];
	for (const url of urls) {
		const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
		if (!response.ok) throw new Error(`${url} answered ${response.status}`);
		const body = Buffer.from(await response.arrayBuffer());
		const { label, framework } = describe(new URL(url).pathname, body.toString('utf8'));
		scripts.push({
			url,
			name: new URL(url).pathname.split('/').pop() ?? url,
			label,
			framework,
			rawBytes: body.length,
			gzipBytes: gzipSync(body, { level: 9 }).length
		});
	}
	return {
		scripts,
		jsRawBytes: scripts.reduce((sum, s) => sum + s.rawBytes, 0),
		jsGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0)
	};
}

const unique = (values: string[]) => [...new Set(values)];

/** Names a built file by where it sits and what it holds (the file names are content hashes). */
function describe(path: string, text: string): { label: string; framework: boolean } {
	const node = /\/nodes\/(\d+)\./.exec(path);
	if (path.includes('/entry/app.'))
		return { label: 'SvelteKit app entry (route table)', framework: true };
	if (path.includes('/entry/start.')) return { label: 'SvelteKit start', framework: true };
	if (node?.[1] === '0') return { label: 'root layout', framework: false };
	if (node?.[1] === '1') return { label: 'root error page', framework: false };
	if (node) return { label: `route node ${node[1]}`, framework: false };
	if (text.includes('sveltekit-internal://')) return { label: 'SvelteKit client', framework: true };
	if (text.includes('svelte.dev/e/')) return { label: 'Svelte runtime', framework: true };
	if (text.includes('PARAGLIDE_LOCALE')) return { label: 'Paraglide runtime', framework: false };
	return { label: path.split('/').pop() ?? path, framework: false };
}

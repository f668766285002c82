import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { localizedStockMessage } from '$lib/stock-errors';
import { handleCrossSite, handleStockErrors, isCrossSiteFormSubmission } from './framework-errors';

const site = 'http://minping.test';

function post(headers: Record<string, string>, method = 'POST'): Request {
	return new Request(`${site}/login`, { method, headers, body: 'a=1' });
}

function event(request: Request): RequestEvent {
	return { request, url: new URL(request.url) } as unknown as RequestEvent;
}

describe('cross-site form submissions', () => {
	const url = new URL(`${site}/login`);
	it('refuses a form post from another origin, whatever the case of its Content-Type', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8',
			'multipart/form-data; boundary=x',
			'Text/Plain'
		]) {
			expect(
				isCrossSiteFormSubmission(post({ 'content-type': type, origin: 'http://evil.test' }), url)
			).toBe(true);
		}
	});

	it('refuses a form post that names no origin, as SvelteKit does', () => {
		expect(isCrossSiteFormSubmission(post({ 'content-type': 'text/plain' }), url)).toBe(true);
	});

	it('lets same-origin posts, JSON bodies and reads through', () => {
		const form = 'application/x-www-form-urlencoded';
		expect(isCrossSiteFormSubmission(post({ 'content-type': form, origin: site }), url)).toBe(
			false
		);
		expect(
			isCrossSiteFormSubmission(
				post({ 'content-type': 'application/json', origin: 'http://evil.test' }),
				url
			)
		).toBe(false);
		const read = new Request(`${site}/login`, { headers: { 'content-type': form } });
		expect(isCrossSiteFormSubmission(read, url)).toBe(false);
	});

	it('answers 403 in words, as JSON when JSON is asked for, without running the page', async () => {
		let ran = false;
		const resolve = () => {
			ran = true;
			return new Response('page');
		};
		const request = post({
			'content-type': 'application/x-www-form-urlencoded',
			origin: 'http://evil.test',
			accept: 'application/json'
		});
		const response = await handleCrossSite({ event: event(request), resolve });
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ message: m.error_cross_site() });
		expect(ran).toBe(false);

		const plain = post({ 'content-type': 'text/plain', origin: 'http://evil.test' });
		const text = await handleCrossSite({ event: event(plain), resolve });
		expect(await text.text()).toBe(m.error_cross_site());
	});
});

describe('stock messages', () => {
	it("swaps the framework's English for the user's language", () => {
		expect(localizedStockMessage(404, 'Not Found')).toBe(m.error_not_found());
		expect(localizedStockMessage(405, 'PUT method not allowed')).toBe(m.error_method_not_allowed());
		expect(
			localizedStockMessage(413, 'Content-length of 7000000 exceeds limit of 6291456 bytes.')
		).toBe(m.error_payload_too_large());
		expect(localizedStockMessage(500, undefined)).toBe(m.error_internal());
	});

	it("keeps the app's own messages, which are already translated", () => {
		expect(localizedStockMessage(404, '没有这个评议活动')).toBeNull();
		expect(localizedStockMessage(400, 'Bad Request')).toBeNull();
	});

	async function reworded(response: Response): Promise<Response> {
		const request = new Request(`${site}/login`, { method: 'POST' });
		return handleStockErrors({ event: event(request), resolve: () => response });
	}

	it("rewords a form action's JSON 415 and keeps its shape", async () => {
		const stock = Response.json(
			{ type: 'error', error: { message: 'Unsupported Media Type' } },
			{ status: 415 }
		);
		const response = await reworded(stock);
		expect(response.status).toBe(415);
		expect(await response.json()).toEqual({
			type: 'error',
			error: { message: m.error_unsupported_media_type() }
		});
	});

	it('rewords a plain-text 405', async () => {
		const stock = new Response('PUT method not allowed', {
			status: 405,
			headers: { allow: 'GET, POST' }
		});
		stock.headers.delete('content-type');
		const response = await reworded(stock);
		expect(await response.text()).toBe(m.error_method_not_allowed());
		expect(response.headers.get('allow')).toBe('GET, POST');
	});

	it("leaves the app's own refusals and other statuses alone", async () => {
		const own = Response.json({ message: m.error_form_unreadable() }, { status: 415 });
		expect(await (await reworded(own)).json()).toEqual({ message: m.error_form_unreadable() });
		const ok = new Response('fine');
		expect(await reworded(ok)).toBe(ok);
	});
});

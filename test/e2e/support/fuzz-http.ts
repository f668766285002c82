import { request as httpRequest } from 'node:http';

/**
 * The fuzzer's own loopback address. The app throttles sign-ins, codes and applications per IP;
 * posting from 127.0.0.77 keeps the fuzzer's wrong guesses from throttling the other browser
 * tests, which share this server and come from 127.0.0.1.
 */
export const fuzzAddress = '127.0.0.77';

export interface Answer {
	status: number;
	contentType: string;
	location: string | null;
	setCookie: string[];
	body: string;
}

/** Bodies above this are sent only if the server has not refused them on their headers. */
const largeBody = 1024 * 1024;

/**
 * One raw request: no fetch defaults (fetch would add a content type to a bare string body). A
 * large body waits for `100 Continue` and a moment more: a server that refuses it on its length
 * answers then, and writing 7 MB into a socket it is closing would only race its answer.
 */
export function send(
	url: string,
	init: { method: string; headers: Record<string, string>; body?: Buffer }
): Promise<Answer> {
	const large = (init.body?.length ?? 0) > largeBody;
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = httpRequest(
			url,
			{
				method: init.method,
				headers: large ? { ...init.headers, expect: '100-continue' } : init.headers,
				localAddress: fuzzAddress,
				// A fresh connection each time: the server may close one whose body it did not read.
				agent: false,
				timeout: 30_000
			},
			(res) => {
				answered = true;
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					resolve({
						status: res.statusCode ?? 0,
						contentType: String(res.headers['content-type'] ?? ''),
						location: res.headers.location ?? null,
						setCookie: res.headers['set-cookie'] ?? [],
						body: Buffer.concat(chunks).toString('utf8')
					});
					req.destroy();
				});
			}
		);
		req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
		req.on('error', (error) => {
			if (!answered) reject(error);
		});
		if (!large) req.end(init.body);
		else req.on('continue', () => setTimeout(() => answered || req.end(init.body), 300));
	});
}

/** Signs the e2e admin in through the /login form, once (wrong passwords would be throttled). */
export async function signInCookie(
	baseURL: string,
	account: { email: string; password: string }
): Promise<string> {
	const answer = await send(`${baseURL}/login`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: baseURL
		},
		body: Buffer.from(new URLSearchParams(account).toString())
	});
	if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}: ${answer.body}`);
	return answer.setCookie.map((cookie) => cookie.split(';', 1)[0]).join('; ');
}

const words = /\p{L}{2,}/u;

/**
 * The status a person meets: an enhanced form (Accept: application/json) gets its action's
 * failure as HTTP 200 with `{ type: 'failure', status }` in the body, SvelteKit's protocol.
 */
export function effectiveStatus(answer: Answer): number {
	if (answer.status !== 200 || !answer.contentType.includes('json')) return answer.status;
	try {
		const value = JSON.parse(answer.body) as { type?: unknown; status?: unknown };
		if (value.type === 'failure' && typeof value.status === 'number') return value.status;
	} catch {
		// not SvelteKit's action JSON; the HTTP status stands
	}
	return answer.status;
}

/**
 * The message a person would read in a 4xx answer, or null when there is none: the error page's
 * text or a form's alert for HTML, `message`/`error` for JSON (SvelteKit's action JSON carries
 * it inside `data` or `error`), the text itself for plain text.
 */
export function readableMessage(answer: Answer): string | null {
	const body = answer.body.trim();
	if (!body) return null;
	if (answer.contentType.includes('json')) return jsonMessage(body);
	if (answer.contentType.includes('html')) return htmlMessage(body);
	return words.test(body) ? body.slice(0, 200) : null;
}

function jsonMessage(body: string): string | null {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const record = value as Record<string, unknown>;
	for (const key of ['message', 'error', 'data']) {
		const field = record[key];
		const text = typeof field === 'object' && field !== null ? JSON.stringify(field) : field;
		if (typeof text === 'string' && words.test(text) && (key !== 'data' || /message/.test(text)))
			return text.slice(0, 200);
	}
	return null;
}

function htmlMessage(body: string): string | null {
	const main = body.replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '');
	const candidates = [
		...main.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>\s*<p[^>]*>([\s\S]*?)<\/p>/gi),
		// SvelteKit's fallback error page (an error in an endpoint, with no layout to render in).
		...main.matchAll(/class="message"[^>]*>\s*<h1[^>]*>([\s\S]*?)<\/h1>/gi),
		...main.matchAll(
			/<[^>]+(?:role="alert"|class="[^"]*\b(?:alert|error)\b[^"]*")[^>]*>([\s\S]*?)<\//gi
		)
	];
	for (const match of candidates) {
		// The error page's heading only says "error"; the message is the paragraph below it.
		const text = match[match.length - 1]
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		if (words.test(text)) return text.slice(0, 200);
	}
	return null;
}

import { json, text, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isStockEnglish, localizedStockMessage } from '$lib/stock-errors';

/**
 * SvelteKit answers a few refusals itself, in English only: its CSRF check (a bare text 403,
 * before any hook runs), and 405/413/415 for methods, body sizes and content types it will not
 * take. Every refusal here must be readable in the user's language, so the CSRF check is ours
 * (svelte.config.js trusts every origin to switch SvelteKit's off; this hook applies the same
 * rule) and the framework's stock answers are reworded after the fact.
 */

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The content types a browser can send cross-site without a CORS preflight.
const formContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function isFormContentType(request: Request): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	return formContentTypes.includes(type);
}

/** SvelteKit's own rule (form bodies that change state must come from our origin), answered in words. */
export function isCrossSiteFormSubmission(request: Request, url: URL): boolean {
	return (
		stateChanging.has(request.method) &&
		isFormContentType(request) &&
		request.headers.get('origin') !== url.origin
	);
}

export const handleCrossSite: Handle = ({ event, resolve }) => {
	if (!isCrossSiteFormSubmission(event.request, event.url)) return resolve(event);
	return refusal(event.request, 403, m.error_cross_site());
};

const rewordedStatuses = new Set([405, 413, 415]);

/** Rewords the framework's short English 405/413/415 answers (text or JSON) in the user's language. */
export const handleStockErrors: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!rewordedStatuses.has(response.status)) return response;
	const type = response.headers.get('content-type') ?? '';
	// SvelteKit's 405 carries no content type at all.
	if (type && !type.startsWith('text/plain') && !type.startsWith('application/json'))
		return response;
	const body = await response.clone().text();
	const stock = stockMessageIn(body);
	if (stock === null) return response;
	const words = localizedStockMessage(response.status, stock);
	if (words === null) return response;
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	if (type.startsWith('application/json')) {
		// Form actions answer { type: 'error', error: { message } }; endpoints { message }.
		const parsed = JSON.parse(body) as Record<string, unknown>;
		const reworded =
			parsed.type === 'error'
				? { ...parsed, error: { message: words } }
				: { ...parsed, message: words };
		return json(reworded, { status: response.status, headers });
	}
	return text(words, { status: response.status, headers });
};

/** The English message in a stock answer body, or null when the body is the app's own. */
function stockMessageIn(body: string): string | null {
	if (body.length > 500) return null;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{')) return isStockEnglish(trimmed) ? trimmed : null;
	try {
		const parsed = JSON.parse(trimmed) as { message?: unknown; error?: { message?: unknown } };
		const message = parsed.error?.message ?? parsed.message;
		return typeof message === 'string' && isStockEnglish(message) ? message : null;
	} catch {
		return null;
	}
}

function refusal(request: Request, status: number, message: string): Response {
	const accept = request.headers.get('accept') ?? '';
	if (accept.includes('application/json')) return json({ message }, { status });
	return text(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

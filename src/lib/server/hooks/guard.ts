import { error, redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { assertSameOrigin } from '$lib/server/auth/origin';
import { decideAccess, findRouteRule } from '$lib/server/auth/route-rules';
import { sessionCookieName } from '$lib/server/auth/session';
import { m } from '$lib/paraglide/messages';
import { forbiddenPage } from './forbidden-page';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Enforces the route-rule table on every request, pages, form actions and endpoints alike, before
 * any load or action runs. Requests for paths without a route fall through to SvelteKit's 404.
 */
export const handleGuard: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	if (routeId === null) return resolve(event);
	const api = isApi(routeId);
	if (api && !safeMethods.has(event.request.method)) assertSameOrigin(event);

	const rule = findRouteRule(routeId)?.rule ?? null;
	const decision = decideAccess(rule, event.locals.user, event.request.method);
	if (decision === 'allow') return resolve(event);
	if (decision === 'sign-in') {
		if (api) error(401, { message: m.auth_error_sign_in_required() });
		redirect(303, signInLocation(event, rule === 'juror'));
	}
	if (api || event.isDataRequest || wantsJson(event)) {
		error(403, { message: m.auth_error_forbidden() });
	}
	return forbiddenPage(event);
};

function isApi(routeId: string): boolean {
	return routeId === '/api' || routeId.startsWith('/api/');
}

function wantsJson(event: RequestEvent): boolean {
	const accept = event.request.headers.get('accept') ?? '';
	return accept.includes('application/json') && !accept.includes('text/html');
}

/** Jurors sign in with a code, staff with a password; either way they come back here after. */
function signInLocation(event: RequestEvent, juror: boolean): string {
	if (!juror) {
		const back = event.url.pathname + event.url.search;
		return `/login?redirectTo=${encodeURIComponent(back)}`;
	}
	const query = new URLSearchParams();
	// A lapsed session, not a first visit: /code says so (a new code is needed, the old one is
	// spent). A form sent to a juror page without a session is one too.
	if (hadSession(event) || !safeMethods.has(event.request.method)) query.set('reason', 'expired');
	// Back to the ballot after signing in again (the path only: never the action's `?/submit`).
	if (event.url.pathname !== '/ballot') query.set('redirectTo', event.url.pathname);
	const search = query.toString();
	return search ? `/code?${search}` : '/code';
}

/** Whether the request carried a session cookie (handleAuth found it ended, or unknown). */
function hadSession(event: RequestEvent): boolean {
	const cookies = event.request.headers.get('cookie') ?? '';
	return cookies.split(';').some((pair) => pair.trim().startsWith(`${sessionCookieName}=`));
}

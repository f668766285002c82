import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { clientAddress } from '$lib/server/auth/request';
import { invalidateSession, setSessionTokenCookie } from '$lib/server/auth/session';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	// A signed-in member of staff has nothing to do here; a juror may want to sign in as staff.
	if (locals.user?.kind === 'staff') redirect(303, redirectTo);
	return { redirectTo };
}) satisfies PageServerLoad;

export const actions = {
	default: signIn
} satisfies Actions;

async function signIn(event: RequestEvent) {
	const form = await event.request.formData();
	const email = typeof form.get('email') === 'string' ? (form.get('email') as string).trim() : '';
	const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
	if (!email || !password) return fail(400, { message: m.auth_login_missing(), email });

	const { db } = getDatabase();
	const result = await signInWithPassword(db, { email, password, ip: clientAddress(event) });
	if (!result.ok) {
		if (result.reason === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, {
				message: m.auth_login_throttled({ seconds: result.retryAfterSeconds }),
				email
			});
		}
		return fail(400, { message: m.auth_login_invalid(), email });
	}
	// Whatever session this browser had before is replaced, not left behind.
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	setSessionTokenCookie(event, result.token, result.session.expiresAt);
	redirect(303, safeRedirectTarget(form.get('redirectTo')));
}

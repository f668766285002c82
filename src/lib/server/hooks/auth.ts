import type { Handle } from '@sveltejs/kit';
import {
	deleteSessionTokenCookie,
	sessionCookieName,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { getDatabase } from '$lib/server/db';

/** Fills `locals.user` and `locals.session` from the session cookie, renewing it when due. */
export const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const result = await validateSessionToken(getDatabase().db, token);
	if (result.session) {
		if (result.renewed) setSessionTokenCookie(event, token, result.session.expiresAt);
	} else {
		deleteSessionTokenCookie(event);
	}
	event.locals.user = result.user;
	event.locals.session = result.session;
	return resolve(event);
};

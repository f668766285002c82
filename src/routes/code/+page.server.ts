import { fail, redirect } from '@sveltejs/kit';
import { redeemInvitationCode } from '$lib/server/auth/invitation';
import { clientAddress } from '$lib/server/auth/request';
import { invalidateSession, setSessionTokenCookie } from '$lib/server/auth/session';
import { codeThrottle } from '$lib/server/auth/throttle';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Where a juror lands after signing in: the list of their open ballots. */
const jurorHome = '/ballot';

/**
 * The QR link `/code?c=XXXX-XXXX` only fills the form in: a GET must not use up a code, or a link
 * preview or a phone's prefetch would burn it before the juror taps "sign in".
 */
export const load = (({ url }) => {
	return { code: (url.searchParams.get('c') ?? '').slice(0, 20) };
}) satisfies PageServerLoad;

export const actions = {
	default: signInWithCode
} satisfies Actions;

const reasonMessages = {
	malformed: m.auth_code_malformed,
	unknown: m.auth_code_unknown,
	used: m.auth_code_used,
	revoked: m.auth_code_revoked,
	expired: m.auth_code_expired
};

async function signInWithCode(event: RequestEvent) {
	const form = await event.request.formData();
	const code =
		typeof form.get('code') === 'string' ? (form.get('code') as string).slice(0, 20) : '';
	const ip = clientAddress(event);
	const gate = codeThrottle.check({ ip });
	if (!gate.allowed) {
		event.setHeaders({ 'retry-after': String(gate.retryAfterSeconds) });
		return fail(429, { message: m.auth_code_throttled({ seconds: gate.retryAfterSeconds }), code });
	}

	const { db } = getDatabase();
	const result = await redeemInvitationCode(db, { code, ip });
	if (!result.ok) {
		// A typo that cannot be a code is not a guess; everything else counts against the IP.
		if (result.reason !== 'malformed') codeThrottle.fail({ ip });
		return fail(400, { message: reasonMessages[result.reason](), code });
	}
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	setSessionTokenCookie(event, result.token, result.session.expiresAt);
	redirect(303, jurorHome);
}

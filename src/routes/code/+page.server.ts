import { fail, redirect } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { redeemInvitationCode } from '$lib/server/auth/invitation';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { clientAddress } from '$lib/server/auth/request';
import { invalidateSession, setSessionTokenCookie } from '$lib/server/auth/session';
import { codeThrottle } from '$lib/server/auth/throttle';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Where a juror lands after signing in: the list of their open ballots. */
const jurorHome = '/ballot';

/** Why the juror is here again: their session lapsed (the guard) or they signed out (/logout). */
const notices = { expired: m.auth_code_session_expired, 'signed-out': m.auth_code_signed_out };

/**
 * The QR link `/code?c=XXXX-XXXX` only fills the form in: a GET must not use up a code, or a link
 * preview or a phone's prefetch would burn it before the juror taps "sign in".
 */
export const load = (({ url }) => {
	const reason = url.searchParams.get('reason');
	return {
		code: (url.searchParams.get('c') ?? '').slice(0, 20),
		notice: reason === 'expired' || reason === 'signed-out' ? notices[reason]() : null,
		redirectTo: jurorPage(url.searchParams.get('redirectTo'))
	};
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
	// A ballot card's 12-character code typed here (the home page's tile leads here): its ballot is
	// at /vote/<code>, which checks and throttles card codes itself. No session is involved.
	const card = normalizeBallotCode(code);
	if (card) redirect(303, `/vote/${card}`);

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
	redirect(303, jurorPage(form.get('redirectTo')) ?? jurorHome);
}

/** A juror page to return to after signing in again (the ballot they were filling), or null. */
function jurorPage(value: unknown): string | null {
	const target = safeRedirectTarget(value, '');
	return /^\/ballot\/\d+$/.test(target) ? target : null;
}

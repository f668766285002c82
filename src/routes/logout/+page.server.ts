import { redirect } from '@sveltejs/kit';
import { recordAuditEvent } from '$lib/server/audit';
import { auditActor } from '$lib/server/auth/actor';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';
import { getDatabase } from '$lib/server/db';
import type { Actions, RequestEvent } from './$types';

export const actions = {
	default: signOut
} satisfies Actions;

/** Deletes the session on the server (a copied cookie dies with it) and clears the cookie. */
async function signOut(event: RequestEvent) {
	const { locals } = event;
	const form = await event.request.formData();
	if (locals.session) {
		const session = locals.session;
		await getDatabase().db.transaction(async (tx) => {
			await invalidateSession(tx, session.id);
			await recordAuditEvent(tx, {
				actor: auditActor(locals.user),
				action: 'auth.sign_out',
				subjectType: 'user',
				subjectId: session.userId
			});
		});
	}
	deleteSessionTokenCookie(event);
	const back = form.get('redirectTo');
	// A juror signs in again with a new code at /code, never at the staff sign-in, unless they
	// asked for another account (the 403 page's "switch account" sends redirectTo).
	if (locals.user?.kind === 'juror' && !(typeof back === 'string' && back))
		redirect(303, '/code?reason=signed-out');
	redirect(
		303,
		typeof back === 'string' && back
			? `/login?redirectTo=${encodeURIComponent(safeRedirectTarget(back))}`
			: '/login'
	);
}

import { error, fail } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { getUserForAdmin } from '$lib/server/auth/admin-queries';
import { changePassword } from '$lib/server/auth/commands';
import { parsePasswordChange } from '$lib/server/auth/validate';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	// The guard only lets signed-in users in; this narrows the type for the page.
	if (!locals.user) error(401, { message: m.auth_error_sign_in_required() });
	const { id, displayName, email, kind } = locals.user;
	const details = await getUserForAdmin(getDatabase().db, id);
	return { account: { displayName, email, kind, roles: details?.roles ?? [] } };
}) satisfies PageServerLoad;

export const actions = {
	changePassword: changeOwnPassword
} satisfies Actions;

async function changeOwnPassword({ locals, request }: RequestEvent) {
	const user = locals.user;
	const actor = auditActor(user);
	if (!user || !locals.session || !actor) error(401, { message: m.auth_error_sign_in_required() });
	if (user.kind !== 'staff') return fail(400, { message: m.auth_password_not_staff() });
	const parsed = parsePasswordChange(await request.formData(), user.email);
	if (!parsed.ok) return fail(400, { message: parsed.message });

	const result = await changePassword(getDatabase().db, {
		actor,
		sessionId: locals.session.id,
		...parsed.value
	});
	if (!result.ok) {
		return fail(400, {
			message:
				result.reason === 'wrong_current'
					? m.auth_password_wrong_current()
					: m.auth_password_not_staff()
		});
	}
	return { success: m.auth_password_changed() };
}

import { error, fail, redirect } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { listUsersForAdmin } from '$lib/server/auth/admin-queries';
import { createUser } from '$lib/server/auth/commands';
import { parseNewUser } from '$lib/server/auth/validate';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { parseUserFilter } from './filters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The guard admits only admins to /admin (route-rules.ts); loads and actions rely on it.
export const load = (async ({ url }) => {
	const parsed = parseUserFilter(url.searchParams);
	if (!parsed.ok) error(400, { message: parsed.message });
	const result = await listUsersForAdmin(getDatabase().db, parsed.filter);
	const filtered = parsed.echo.q !== '' || parsed.echo.role !== '';
	return { ...result, filter: parsed.echo, filtered };
}) satisfies PageServerLoad;

export const actions = {
	createUser: createAccount
} satisfies Actions;

async function createAccount({ locals, request }: RequestEvent) {
	const form = await request.formData();
	const echo = {
		kind: String(form.get('kind') ?? 'staff'),
		displayName: String(form.get('displayName') ?? ''),
		email: String(form.get('email') ?? '')
	};
	const parsed = parseNewUser(form);
	if (!parsed.ok) return fail(400, { message: parsed.message, ...echo });
	const result = await createUser(getDatabase().db, auditActor(locals.user), parsed.value);
	if (!result.ok) return fail(400, { message: m.admin_error_email_taken(), ...echo });
	redirect(303, `/admin/users/${result.id}`);
}

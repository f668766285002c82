import { getDatabase } from '$lib/server/db';
import { hasRole } from '$lib/server/auth/route-rules';
import { loadDashboard } from '$lib/server/trends/dashboard';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** The hooks guard has already checked the leader rule; the scope filters every query. */
export const load = (async ({ locals, url }) => {
	const dashboard = await loadDashboard(getDatabase().db, locals.user, url.searchParams, {
		locale: getLocale(),
		averageLabel: (name) => m.trends_average_of({ name })
	});
	const canImport = locals.user !== null && hasRole(locals.user, ['organizer']);
	return { ...dashboard, locale: getLocale(), canImport };
}) satisfies PageServerLoad;

import { decideAccess, findRouteRule } from '$lib/server/auth/route-rules';
import { navAreas } from '$lib/navigation';
import type { LayoutServerLoad } from './$types';

/**
 * Who is signed in, for the header, and which areas the navigation offers them. Only display: the
 * guard in hooks enforces access on every request whatever the navigation shows. Anonymous visitors
 * see every area (opening one leads to the sign-in page).
 */
export const load = (({ locals }) => {
	const user = locals.user;
	const hiddenAreas = user
		? navAreas
				.map((area) => area.href)
				.filter((href) => decideAccess(findRouteRule(href)?.rule ?? null, user, 'GET') !== 'allow')
		: [];
	// Auditors cannot open /admin itself, so the audit trail needs its own way in.
	const auditLink =
		!!user &&
		hiddenAreas.includes('/admin') &&
		decideAccess(findRouteRule('/admin/audit')?.rule ?? null, user, 'GET') === 'allow';
	return {
		user: user ? { displayName: user.displayName, email: user.email, kind: user.kind } : null,
		hiddenAreas,
		auditLink
	};
}) satisfies LayoutServerLoad;

import { decideAccess, findRouteRule } from '$lib/server/auth/route-rules';
import type { LayoutServerLoad } from './$types';

/**
 * Whether the signed-in user may change reference data, so read-only users (leaders) are not
 * shown forms they cannot submit. Display only: the guard in hooks enforces it on every POST.
 */
export const load = (({ locals }) => {
	const rule = findRouteRule('/reference')?.rule ?? null;
	// Without the auth layer (unit tests of pages) there is no user; the guard decides then.
	const canEdit = !locals.user || decideAccess(rule, locals.user, 'POST') === 'allow';
	return { canEdit };
}) satisfies LayoutServerLoad;

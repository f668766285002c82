import type { AuthUser, Role } from './types';

/**
 * Who may open what. One table for the whole app, keyed by SvelteKit route id or a prefix of one
 * (whole segments: `/admin` covers `/admin/users/[id]` but not `/administer`). The longest matching
 * key wins. Staff role lists always include admin implicitly.
 *
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user, staff or juror.
 * - `juror`: juror accounts only (staff have no ballots).
 * - `Role[]`: staff holding one of these roles.
 * - `{ read, write }`: GET/HEAD need a `read` role, every other method a `write` role.
 *
 * A route with no matching key is refused to everyone but admin (fail closed), and the
 * authorization-matrix test fails until the route has a rule.
 */
export type RouteRule =
	| 'public'
	| 'signed-in'
	| 'juror'
	| readonly Role[]
	| { read: readonly Role[]; write: readonly Role[] };

export const routeRules: Record<string, RouteRule> = {
	'/': 'public',
	'/healthz': 'public',
	'/language': 'public',
	'/login': 'public',
	// Signing out must work from any state, including an already-expired session.
	'/logout': 'public',
	'/code': 'public',
	'/apply': 'public',
	'/draws': 'public',
	'/api/public': 'public',
	// Public respondents (satisfaction surveys) vote with a one-time ballot code; the page checks it.
	'/vote': 'public',
	'/account': 'signed-in',
	'/ballot': 'juror',
	// A juror's ballot as JSON (the lean route in scripts/serve.js answers it the same way).
	'/api/ballots': 'juror',
	'/reference': { read: ['leader', 'organizer'], write: ['organizer'] },
	'/jury': ['organizer'],
	'/campaigns': ['organizer'],
	'/results': { read: ['leader', 'organizer'], write: ['organizer'] },
	// Published results for the public, media and TV graphics; unpublished campaigns answer 404 there.
	'/public': 'public',
	'/live': ['organizer'],
	// The TV picture and its feed are public: they show only what the reveal policy allows.
	'/live/[campaignId]/screen': 'public',
	'/live/[campaignId]/events': 'public',
	// TV viewers' audience ballot: no sign-in; one token per device, per-address limits (docs/LIVE.md).
	'/tv': 'public',
	'/trends': ['leader'],
	// The dashboard's data as JSON: the same readers and the same region scope as /trends.
	'/api/trends': ['leader'],
	'/trends/import': ['organizer'],
	'/admin': ['admin'],
	'/admin/audit': ['auditor']
};

/** `/(app)/jury/[id]` → `/jury/[id]`: layout groups do not change who may enter. */
export function stripGroups(routeId: string): string {
	const stripped = routeId
		.split('/')
		.filter((segment) => !(segment.startsWith('(') && segment.endsWith(')')))
		.join('/');
	return stripped === '' ? '/' : stripped;
}

/** The rule for a route id, or null when none matches. */
export function findRouteRule(routeId: string): { key: string; rule: RouteRule } | null {
	const path = stripGroups(routeId);
	let best: string | null = null;
	for (const key of Object.keys(routeRules)) {
		const matches = key === '/' ? path === '/' : path === key || path.startsWith(key + '/');
		if (matches && (best === null || key.length > best.length)) best = key;
	}
	return best === null ? null : { key: best, rule: routeRules[best] };
}

export type AccessDecision = 'allow' | 'sign-in' | 'forbidden';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hasRole(user: AuthUser, wanted: readonly Role[]): boolean {
	if (user.kind !== 'staff') return false;
	return user.roles.some((grant) => grant.role === 'admin' || wanted.includes(grant.role));
}

/** Decides one request: anonymous visitors are asked to sign in, others allowed or refused. */
export function decideAccess(
	rule: RouteRule | null,
	user: AuthUser | null,
	method: string
): AccessDecision {
	if (rule === 'public') return 'allow';
	if (!user) return 'sign-in';
	if (rule === 'signed-in') return 'allow';
	if (rule === 'juror') return user.kind === 'juror' ? 'allow' : 'forbidden';
	if (rule === null) return hasRole(user, []) ? 'allow' : 'forbidden';
	const wanted = isMethodRule(rule) ? (readMethods.has(method) ? rule.read : rule.write) : rule;
	return hasRole(user, wanted) ? 'allow' : 'forbidden';
}

function isMethodRule(rule: RouteRule): rule is { read: readonly Role[]; write: readonly Role[] } {
	return typeof rule === 'object' && !Array.isArray(rule);
}

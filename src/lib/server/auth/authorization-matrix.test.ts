import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideAccess, findRouteRule, stripGroups, type AccessDecision } from './route-rules';
import type { AuthUser, Role } from './types';

/** Every route in src/routes: folders holding a page or an endpoint, as SvelteKit route ids. */
function listRouteIds(root = 'src/routes'): string[] {
	const ids: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const routeFiles = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];
		if (entries.some((entry) => entry.isFile() && routeFiles.includes(entry.name))) {
			const path = relative(root, dir).split(sep).join('/');
			ids.push(path === '' ? '/' : `/${path}`);
		}
		for (const entry of entries) if (entry.isDirectory()) walk(join(dir, entry.name));
	};
	walk(root);
	return ids.sort();
}

type Actor = 'anonymous' | 'juror' | Role;
const actors: Actor[] = ['anonymous', 'juror', 'admin', 'organizer', 'leader', 'auditor'];

function userFor(actor: Actor): AuthUser | null {
	if (actor === 'anonymous') return null;
	return {
		id: 1,
		email: actor === 'juror' ? null : `${actor}@example.org`,
		displayName: actor,
		kind: actor === 'juror' ? 'juror' : 'staff',
		roles: actor === 'juror' ? [] : [{ role: actor, regionId: null }]
	};
}

/**
 * The policy written out a second time, independently of route-rules.ts, per area: who may read
 * (GET) and who may write (POST). A change to the table that is not mirrored here fails, and so
 * does a new area nobody has decided on.
 */
const everyone: Actor[] = [...actors];
const policy: Record<string, { read: Actor[]; write: Actor[] }> = {
	'/': { read: everyone, write: everyone },
	'/healthz': { read: everyone, write: everyone },
	'/language': { read: everyone, write: everyone },
	'/login': { read: everyone, write: everyone },
	'/logout': { read: everyone, write: everyone },
	'/code': { read: everyone, write: everyone },
	'/apply': { read: everyone, write: everyone },
	'/draws': { read: everyone, write: everyone },
	'/api/public': { read: everyone, write: everyone },
	'/vote': { read: everyone, write: everyone },
	'/account': {
		read: ['juror', 'admin', 'organizer', 'leader', 'auditor'],
		write: ['juror', 'admin', 'organizer', 'leader', 'auditor']
	},
	'/ballot': { read: ['juror'], write: ['juror'] },
	'/api/ballots': { read: ['juror'], write: ['juror'] },
	'/reference': { read: ['admin', 'organizer', 'leader'], write: ['admin', 'organizer'] },
	'/jury': { read: ['admin', 'organizer'], write: ['admin', 'organizer'] },
	'/campaigns': { read: ['admin', 'organizer'], write: ['admin', 'organizer'] },
	'/results': { read: ['admin', 'organizer', 'leader'], write: ['admin', 'organizer'] },
	'/public': { read: everyone, write: everyone },
	'/live': { read: ['admin', 'organizer'], write: ['admin', 'organizer'] },
	'/live/[campaignId]/screen': { read: everyone, write: everyone },
	'/live/[campaignId]/events': { read: everyone, write: everyone },
	'/tv': { read: everyone, write: everyone },
	'/trends': { read: ['admin', 'leader'], write: ['admin', 'leader'] },
	'/api/trends': { read: ['admin', 'leader'], write: ['admin', 'leader'] },
	'/trends/import': { read: ['admin', 'organizer'], write: ['admin', 'organizer'] },
	'/admin': { read: ['admin'], write: ['admin'] },
	'/admin/audit': { read: ['admin', 'auditor'], write: ['admin', 'auditor'] }
};

function expected(area: string, actor: Actor, method: 'GET' | 'POST'): AccessDecision {
	const allowed = method === 'GET' ? policy[area].read : policy[area].write;
	if (allowed.includes(actor)) return 'allow';
	return actor === 'anonymous' ? 'sign-in' : 'forbidden';
}

const routeIds = listRouteIds();

describe('the authorization matrix', () => {
	it('finds the routes of the app', () => {
		expect(routeIds).toContain('/');
		expect(routeIds).toContain('/login');
		expect(routeIds).toContain('/admin/users/[id]');
	});

	it.each(routeIds)('has a rule for %s', (routeId) => {
		const found = findRouteRule(routeId);
		expect(found, `no rule in route-rules.ts covers ${routeId}`).not.toBeNull();
		expect(policy, `the policy in this test does not cover ${found?.key}`).toHaveProperty([
			found?.key ?? ''
		]);
	});

	it.each(routeIds)('lets exactly the intended people into %s', (routeId) => {
		const found = findRouteRule(stripGroups(routeId));
		if (!found) throw new Error(`no rule covers ${routeId}`);
		for (const actor of actors) {
			for (const method of ['GET', 'POST'] as const) {
				expect(
					decideAccess(found.rule, userFor(actor), method),
					`${actor} ${method} ${routeId}`
				).toBe(expected(found.key, actor, method));
			}
		}
	});

	it('covers the planned areas that have no pages yet', () => {
		for (const area of Object.keys(policy)) {
			expect(findRouteRule(area)?.key).toBe(area);
		}
	});
});

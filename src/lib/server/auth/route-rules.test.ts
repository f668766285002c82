import { describe, expect, it } from 'vitest';
import { decideAccess, findRouteRule, stripGroups } from './route-rules';
import type { AuthUser, Role } from './types';

const staff = (...roles: Role[]): AuthUser => ({
	id: 1,
	email: 's@example.org',
	displayName: 'S',
	kind: 'staff',
	roles: roles.map((role) => ({ role, regionId: null }))
});

describe('the route-rule table', () => {
	it('ignores layout groups in route ids', () => {
		expect(stripGroups('/(app)/jury/[id]')).toBe('/jury/[id]');
		expect(stripGroups('/(public)')).toBe('/');
	});

	it('matches whole segments and prefers the longest key', () => {
		expect(findRouteRule('/admin/audit')?.key).toBe('/admin/audit');
		expect(findRouteRule('/admin/users/[id]')?.key).toBe('/admin');
		expect(findRouteRule('/administer')).toBeNull();
		expect(findRouteRule('/')?.key).toBe('/');
		expect(findRouteRule('/nowhere')).toBeNull();
	});

	it('decides reference data by method: leaders read, only organizers write', () => {
		const rule = findRouteRule('/reference/units')?.rule ?? null;
		expect(decideAccess(rule, staff('leader'), 'GET')).toBe('allow');
		expect(decideAccess(rule, staff('leader'), 'POST')).toBe('forbidden');
		expect(decideAccess(rule, staff('organizer'), 'POST')).toBe('allow');
	});

	it('refuses a route without a rule to everyone but admin', () => {
		expect(decideAccess(null, null, 'GET')).toBe('sign-in');
		expect(decideAccess(null, staff('organizer', 'leader', 'auditor'), 'GET')).toBe('forbidden');
		expect(decideAccess(null, staff('admin'), 'GET')).toBe('allow');
	});

	it('never lets a juror account into a staff page, whatever roles it carries', () => {
		const juror: AuthUser = { ...staff('admin'), kind: 'juror' };
		expect(decideAccess(['organizer'], juror, 'GET')).toBe('forbidden');
		expect(decideAccess(null, juror, 'GET')).toBe('forbidden');
		expect(decideAccess('juror', juror, 'GET')).toBe('allow');
	});
});

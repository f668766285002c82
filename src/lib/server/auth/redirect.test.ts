import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

describe('the after-sign-in redirect', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirectTarget('/admin/users/3?tab=roles')).toBe('/admin/users/3?tab=roles');
	});

	it('falls back for anything that could leave the site', () => {
		for (const target of [
			'https://evil.example/',
			'//evil.example',
			'/\\evil.example',
			'javascript:alert(1)',
			'/\nLocation: x',
			'',
			null,
			42
		]) {
			expect(safeRedirectTarget(target)).toBe('/');
		}
	});
});

import { describe, expect, it } from 'vitest';
import { canEditResults } from './access';

describe('who may change results', () => {
	it('lets organizers and admins change results and leaders only read them', () => {
		const grant = (role: 'admin' | 'organizer' | 'leader' | 'auditor') => ({
			roles: [{ role, regionId: null }]
		});
		expect(canEditResults(grant('organizer'))).toBe(true);
		expect(canEditResults(grant('admin'))).toBe(true);
		expect(canEditResults(grant('leader'))).toBe(false);
		expect(canEditResults(grant('auditor'))).toBe(false);
		expect(canEditResults(null)).toBe(false);
	});
});

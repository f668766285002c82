import { describe, expect, it } from 'vitest';
import { baseURL } from './support/browser';

// Ids past int4 once reached PostgreSQL and failed there (a 500); malformed ones must be 404s too.
const badIds = ['2147483648', '99999999999999999999', '0', '-1', 'abc', '1.5'];

describe('public pages and feeds with ids that name no row', () => {
	it.each(badIds)('answer 404 with a readable message for %s', async (id) => {
		for (const path of [
			`/public/campaigns/${id}`,
			`/api/public/campaigns/${id}/results`,
			`/api/public/live/${id}`
		]) {
			const response = await fetch(`${baseURL()}${path}`, {
				headers: { accept: path.startsWith('/api') ? 'application/json' : 'text/html' }
			});
			expect(response.status, path).toBe(404);
			expect((await response.text()).length, path).toBeGreaterThan(20);
		}
	});
});

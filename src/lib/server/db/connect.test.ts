import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './connect';

describe('the reconnect delay of the PostgreSQL pool', () => {
	it('starts small and never exceeds one second, however many attempts failed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (retries) => {
				const delay = reconnectDelay(retries);
				expect(delay).toBeGreaterThan(0);
				expect(delay).toBeLessThanOrEqual(1);
			})
		);
		expect(reconnectDelay(0)).toBeLessThanOrEqual(0.05);
		// postgres.js's own default would wait up to 20 s here.
		expect(reconnectDelay(7)).toBeGreaterThanOrEqual(0.5);
	});
});

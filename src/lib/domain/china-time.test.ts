import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yearInChina } from './china-time';

describe('yearInChina', () => {
	it('turns the year at midnight Beijing time, eight hours before UTC', () => {
		expect(yearInChina(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
		expect(yearInChina(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
	});

	it('agrees with the Asia/Shanghai calendar at any instant since 1992', () => {
		const shanghai = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' });
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1992-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
				(at) => {
					expect(yearInChina(at)).toBe(Number(shanghai.format(at)));
				}
			)
		);
	});
});

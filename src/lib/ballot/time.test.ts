import { describe, expect, it } from 'vitest';
import { formatVoterTime } from './time';

describe('times shown to voters', () => {
	it('are in Beijing time whatever the server runs in', () => {
		// 18:00 China Standard Time is 10:00 UTC.
		const close = new Date('2026-12-01T10:00:00Z');
		expect(formatVoterTime(close, 'zh-CN')).toBe('2026年12月1日 18:00');
		expect(formatVoterTime(close, 'en')).toBe('Dec 1, 2026, 18:00');
	});

	it('move to the next day in Beijing when it is still the evening in UTC', () => {
		expect(formatVoterTime(new Date('2026-12-01T16:30:00Z'), 'zh-CN')).toBe('2026年12月2日 00:30');
	});
});

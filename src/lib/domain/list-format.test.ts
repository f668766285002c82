import { describe, expect, it } from 'vitest';
import { formatList } from './list-format';

describe('lists in the reader language', () => {
	it('separates Chinese items with 、 and no conjunction', () => {
		expect(formatList(['甲局', '乙局', '丙局'], 'zh-CN')).toBe('甲局、乙局、丙局');
	});

	it('joins English items with commas and "and", never with 、', () => {
		expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
		expect(formatList(['A', 'B'], 'en')).toBe('A and B');
		expect(formatList(['A'], 'en')).toBe('A');
		expect(formatList([], 'en')).toBe('');
	});
});

import { describe, expect, it } from 'vitest';
import { tierName } from './labels';

describe('tier names on the host console', () => {
	const row = { tier: '31', name: '服务对象', nameEn: 'Service users' };

	it('shows the English name in English and the Chinese name in Chinese', () => {
		expect(tierName(row, 'en')).toBe('Service users');
		expect(tierName(row, 'zh-CN')).toBe('服务对象');
	});

	it('falls back to the Chinese name when a picture carries no English one', () => {
		expect(tierName({ name: '服务对象' }, 'en')).toBe('服务对象');
		expect(tierName({ name: null, nameEn: null }, 'en')).toBeNull();
	});
});

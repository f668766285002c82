import { describe, expect, it } from 'vitest';
import { normalizePhone, parseApplication, parseCategory, parseRecommendation } from './validate';

describe('jury input', () => {
	it('normalizes the ways people write a mobile number', () => {
		expect(normalizePhone('138 0000 0001')).toBe('13800000001');
		expect(normalizePhone('+86 138-0000-0001')).toBe('13800000001');
		expect(normalizePhone('8613800000001')).toBe('13800000001');
		expect(normalizePhone(13800000001)).toBe('13800000001');
		expect(normalizePhone('12800000001')).toBeNull();
		expect(normalizePhone('0537-1234567')).toBeNull();
	});

	it('reads categories by code or by their Chinese name', () => {
		expect(parseCategory('个体工商户')).toBe('individual_business');
		expect(parseCategory(' npc_deputy ')).toBe('npc_deputy');
		expect(parseCategory('学生')).toBeNull();
	});

	it('accepts a complete application and says what is wrong with an incomplete one', () => {
		const good = {
			name: ' 张三 ',
			phone: '13800000001',
			regionId: '7',
			category: 'other',
			consent: 'yes'
		};
		expect(parseApplication(good, { requireConsent: true })).toEqual({
			ok: true,
			value: {
				name: '张三',
				phone: '13800000001',
				regionId: 7,
				category: 'other',
				employerName: null
			}
		});
		expect(parseApplication({ phone: '123', category: 'x' }, { requireConsent: true })).toEqual({
			ok: false,
			errors: {
				name: 'required',
				phone: 'phone_format',
				regionId: 'required',
				category: 'unknown_category',
				consent: 'consent_required'
			}
		});
	});

	it('requires the recommending organization on a recommendation', () => {
		const base = {
			name: '李四',
			phone: '13800000002',
			regionId: '7',
			category: 'enterprise_staff'
		};
		expect(parseRecommendation(base)).toEqual({ ok: false, errors: { recommender: 'required' } });
		expect(
			parseRecommendation({ ...base, recommender: '市工商联', employerUnitId: '3' })
		).toMatchObject({
			ok: true,
			value: { recommender: '市工商联', employerUnitId: 3 }
		});
	});
});

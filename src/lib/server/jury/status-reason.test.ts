import { describe, expect, it } from 'vitest';
import { reasonLabel } from '../../../routes/jury/labels';
import { parseStatusReason, statusReason, statusReasonCodes } from './status-reason';

describe('status change reasons', () => {
	it('reads back every code the app stores, with the recommending organization', () => {
		expect(parseStatusReason('approved', statusReason('recommended', '洙西区总工会'))).toEqual({
			kind: 'code',
			code: 'recommended',
			recommender: '洙西区总工会'
		});
		for (const code of statusReasonCodes) {
			expect(parseStatusReason('active', statusReason(code))).toMatchObject({ kind: 'code', code });
		}
	});

	it('reads the English phrases of rows written before the codes existed', () => {
		expect(parseStatusReason('approved', 'recommended by 洙西区总工会')).toMatchObject({
			code: 'recommended',
			recommender: '洙西区总工会'
		});
		expect(parseStatusReason('active', 'appointed')).toMatchObject({ code: 'appointed' });
		expect(parseStatusReason('expired', 'term ended')).toMatchObject({ code: 'term_ended' });
		expect(parseStatusReason('applied', 'self-nomination')).toMatchObject({
			code: 'self_nominated'
		});
	});

	it('keeps what staff typed for a withdrawal, even when it looks like a code', () => {
		expect(parseStatusReason('withdrawn', 'appointed')).toEqual({
			kind: 'text',
			text: 'appointed'
		});
		expect(parseStatusReason('rejected', '电话无法接通')).toEqual({
			kind: 'text',
			text: '电话无法接通'
		});
	});

	it('words the codes in Chinese, never the raw English', () => {
		const shown = [
			reasonLabel(parseStatusReason('approved', 'recommended by 洙西区总工会')),
			reasonLabel(parseStatusReason('active', 'appointed')),
			reasonLabel(parseStatusReason('expired', 'term ended'))
		];
		expect(shown).toEqual(['由洙西区总工会推荐', '聘任', '任期届满']);
	});
});

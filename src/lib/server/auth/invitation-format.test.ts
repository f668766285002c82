import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	codeAlphabet,
	formatInvitationCode,
	generateInvitationCode,
	normalizeInvitationCode
} from './invitation-format';

describe('invitation codes', () => {
	it('use 32 unambiguous characters, without 0, O, 1 or I', () => {
		expect(new Set(codeAlphabet).size).toBe(32);
		for (const char of '01OI') expect(codeAlphabet).not.toContain(char);
	});

	it('are 8 characters from the alphabet, printed as XXXX-XXXX', () => {
		const code = generateInvitationCode();
		expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
		expect(formatInvitationCode(code)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	});

	it('read back whatever way they are typed: lower case, spaces, dashes', () => {
		fc.assert(
			fc.property(fc.constant(null), () => {
				const code = generateInvitationCode();
				const typed = ` ${formatInvitationCode(code).toLowerCase().replace('-', ' - ')} `;
				expect(normalizeInvitationCode(typed)).toBe(code);
			})
		);
	});

	it('reject input that cannot be a code', () => {
		expect(normalizeInvitationCode('ABCD-EFG')).toBeNull();
		expect(normalizeInvitationCode('ABCD-EFGHJ')).toBeNull();
		expect(normalizeInvitationCode('ABCD-EFG0')).toBeNull();
		expect(normalizeInvitationCode('ABCD-EFGI')).toBeNull();
		expect(normalizeInvitationCode('')).toBeNull();
	});
});

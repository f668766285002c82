import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-rules';

describe('password strength rules', () => {
	it('accepts a long password with more than one kind of character', () => {
		expect(checkPasswordStrength('correct horse 42')).toBeNull();
		expect(checkPasswordStrength('E2e-Admin-Passw0rd!', 'e2e-admin@minping.test')).toBeNull();
		expect(checkPasswordStrength('评议团成员的密码很长 2026')).toBeNull();
	});

	it('refuses passwords shorter than 12 characters', () => {
		expect(checkPasswordStrength('Short-1!')).toBe('too_short');
		expect(checkPasswordStrength('')).toBe('too_short');
	});

	it('counts characters, not UTF-16 units, so CJK passwords are measured fairly', () => {
		expect(checkPasswordStrength('密码密码密码密码密码1')).toBe('too_short');
	});

	it('refuses absurdly long input', () => {
		expect(checkPasswordStrength('aB3!'.repeat(100))).toBe('too_long');
	});

	it('refuses a single kind of character or a few characters repeated', () => {
		expect(checkPasswordStrength('abcdefghijklmnop')).toBe('too_simple');
		expect(checkPasswordStrength('aaaaaaaa1111')).toBe('too_simple');
	});

	it('refuses a password that is mostly the email name', () => {
		expect(checkPasswordStrength('Zhang.Wei-2026!', 'zhang.wei@example.org')).toBe(
			'contains_email'
		);
	});
});

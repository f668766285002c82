import { parseRowId } from '$lib/server/db/ids';
import { m } from '$lib/paraglide/messages';
import { checkPasswordStrength, type PasswordProblem } from './password-rules';
import { roles, type Role } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const text = (form: FormData, name: string): string => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

/** The bilingual sentence for a password that breaks the strength rules. */
export function passwordProblemMessage(problem: PasswordProblem): string {
	const messages: Record<PasswordProblem, () => string> = {
		too_short: m.auth_password_too_short,
		too_long: m.auth_password_too_long,
		too_simple: m.auth_password_too_simple,
		contains_email: m.auth_password_contains_email
	};
	return messages[problem]();
}

// Deliberately loose: one @, something on each side, a dot in the domain. Delivery proves the rest.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type NewUser =
	| { kind: 'staff'; displayName: string; email: string; password: string }
	| { kind: 'juror'; displayName: string };

export function parseNewUser(form: FormData): Parsed<NewUser> {
	const kind = text(form, 'kind');
	const displayName = text(form, 'displayName');
	if (kind !== 'staff' && kind !== 'juror')
		return { ok: false, message: m.admin_error_kind_invalid() };
	if (!displayName || displayName.length > 100) {
		return { ok: false, message: m.admin_error_name_required() };
	}
	if (kind === 'juror') return { ok: true, value: { kind, displayName } };
	const email = text(form, 'email').toLowerCase();
	if (!emailPattern.test(email) || email.length > 254) {
		return { ok: false, message: m.admin_error_email_invalid() };
	}
	const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
	const problem = checkPasswordStrength(password, email);
	if (problem) return { ok: false, message: passwordProblemMessage(problem) };
	return { ok: true, value: { kind, displayName, email, password } };
}

export function parseRoleGrant(form: FormData): Parsed<{ role: Role; regionId: number | null }> {
	const role = text(form, 'role');
	if (!roles.includes(role as Role)) return { ok: false, message: m.admin_error_role_invalid() };
	const regionText = text(form, 'regionId');
	const regionId = regionText === '' ? null : Number(regionText);
	if (regionId !== null && !(Number.isSafeInteger(regionId) && regionId > 0)) {
		return { ok: false, message: m.admin_error_region_invalid() };
	}
	if (role === 'admin' && regionId !== null)
		return { ok: false, message: m.admin_error_admin_region() };
	return { ok: true, value: { role: role as Role, regionId } };
}

export function parsePasswordChange(
	form: FormData,
	email: string | null
): Parsed<{ current: string; next: string }> {
	const get = (name: string) =>
		typeof form.get(name) === 'string' ? (form.get(name) as string) : '';
	const next = get('newPassword');
	if (next !== get('confirmPassword')) return { ok: false, message: m.auth_password_mismatch() };
	const problem = checkPasswordStrength(next, email);
	if (problem) return { ok: false, message: passwordProblemMessage(problem) };
	return { ok: true, value: { current: get('currentPassword'), next } };
}

/** Days a new invitation code stays valid: a whole number from 1 to 90. */
export function parseCodeDays(form: FormData): Parsed<number> {
	const days = Number(text(form, 'days') || '14');
	if (!Number.isInteger(days) || days < 1 || days > 90) {
		return { ok: false, message: m.admin_error_days_invalid() };
	}
	return { ok: true, value: days };
}

/** A positive integer id from a hidden form field, or null. */
export function parseId(form: FormData, name: string): number | null {
	return parseRowId(text(form, name));
}

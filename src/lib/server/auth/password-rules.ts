/**
 * Minimum strength for staff passwords, after NIST SP 800-63B: length matters most, composition
 * rules little. We ask for 12 characters, more than one kind of character, and refuse passwords that
 * are mostly the account's own email name or a few characters repeated. Pure, so unit-tested alone.
 */
export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'contains_email';

export const passwordMinLength = 12;
// argon2 hashes anything, but a megabyte "password" is a denial-of-service, not a password.
export const passwordMaxLength = 256;

export function checkPasswordStrength(
	password: string,
	email?: string | null
): PasswordProblem | null {
	const length = [...password].length;
	if (length < passwordMinLength) return 'too_short';
	if (length > passwordMaxLength) return 'too_long';
	if (isMostlyEmailName(password, email)) return 'contains_email';
	if (new Set(password).size < 5 || characterClasses(password) < 2) return 'too_simple';
	return null;
}

/** How many of: lower-case, upper-case, digits, anything else (including CJK) the password uses. */
function characterClasses(password: string): number {
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
	return classes.filter((pattern) => pattern.test(password)).length;
}

/** The email name plus fewer than 8 other characters is guessable by anyone who knows the email. */
function isMostlyEmailName(password: string, email: string | null | undefined): boolean {
	const local = email?.split('@')[0]?.toLowerCase();
	if (!local || local.length < 3) return false;
	const lower = password.toLowerCase();
	if (!lower.includes(local)) return false;
	return [...lower.replace(local, '')].length < 8;
}

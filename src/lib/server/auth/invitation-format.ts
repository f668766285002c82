/**
 * Invitation codes are read off a printed card and typed on a phone, so they use 32 characters
 * that cannot be mistaken for one another (no 0/O, no 1/I) and are shown as XXXX-XXXX. Eight of
 * them carry 40 bits: too few to survive unlimited guessing, which is why codes expire, are used
 * once, and wrong guesses are throttled per IP.
 */
export const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const codeLength = 8;

export function generateInvitationCode(): string {
	const bytes = new Uint8Array(codeLength);
	crypto.getRandomValues(bytes);
	// 32 divides 256, so taking the low five bits of each byte is uniform.
	return Array.from(bytes, (byte) => codeAlphabet[byte & 31]).join('');
}

/** XXXX-XXXX for printing. */
export function formatInvitationCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The canonical form of what someone typed: upper-case, without spaces or dashes. null when it
 * cannot be a code at all, so a typo is answered without a database look-up.
 */
export function normalizeInvitationCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s\-_.]/g, '');
	if (code.length !== codeLength) return null;
	for (const char of code) if (!codeAlphabet.includes(char)) return null;
	return code;
}

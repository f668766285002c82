/**
 * On-site ballot codes: printed on a QR card, typed on a phone when the camera fails. 32 symbols
 * that cannot be mistaken for one another (no 0/O, no 1/I); twelve of them carry 60 bits, enough
 * that guessing a live code is hopeless even before rate limiting.
 */
export const ballotCodeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const ballotCodeLength = 12;

export function generateBallotCode(): string {
	const bytes = new Uint8Array(ballotCodeLength);
	crypto.getRandomValues(bytes);
	// 32 divides 256, so the low five bits of each byte are uniform.
	return Array.from(bytes, (byte) => ballotCodeAlphabet[byte & 31]).join('');
}

/** XXXX-XXXX-XXXX for printing. */
export function formatBallotCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** Upper-case without separators, or null when the input cannot be a code. */
export function normalizeBallotCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s\-_.]/g, '');
	if (code.length !== ballotCodeLength) return null;
	for (const char of code) if (!ballotCodeAlphabet.includes(char)) return null;
	return code;
}

/** Receipts: shorter, shown after voting; they acknowledge, they do not identify a ballot. */
export function generateReceiptCode(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	const raw = Array.from(bytes, (byte) => ballotCodeAlphabet[byte & 31]).join('');
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

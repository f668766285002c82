/**
 * On-site ballot codes: printed on a QR card, typed on a phone when the camera fails. 32 symbols
 * that cannot be mistaken for one another (no 0/O, no 1/I); twelve of them carry 60 bits, enough
 * that guessing a live code is hopeless even before rate limiting.
 */
export const ballotCodeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const ballotCodeLength = 12;

export function generateBallotCode(): string {
	// 32 divides 256, so the low five bits of each byte are uniform.
	return Array.from(randomBytes(ballotCodeLength), (byte) => ballotCodeAlphabet[byte & 31]).join(
		''
	);
}

/**
 * Bytes from the CSPRNG, drawn 4 KB at a time (as Node's randomUUID does): one getRandomValues
 * call costs ~3 µs here whatever its size, and every stored ballot needs a receipt. Each byte is
 * handed out once; the caller gets its own copy.
 */
const randomPool = new Uint8Array(4096);
let randomUsed = randomPool.length;

function randomBytes(n: number): Uint8Array {
	if (randomUsed + n > randomPool.length) {
		crypto.getRandomValues(randomPool);
		randomUsed = 0;
	}
	randomUsed += n;
	return randomPool.slice(randomUsed - n, randomUsed);
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
	const raw = Array.from(randomBytes(10), (byte) => ballotCodeAlphabet[byte & 31]).join('');
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

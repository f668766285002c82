/**
 * The two texts staff type around a draw. At commitment they declare where the public value will
 * come from and when it becomes known (e.g. a named lottery draw); at reveal they enter that value.
 * Both are required: a draw whose value may be empty, or chosen freely at reveal, lets whoever
 * can read the sealed seed try values until the panel suits them.
 */

/** Characters (code points, as PostgreSQL's char_length counts them; the table checks it too). */
export const publicValueSourceMax = 200;
/** The value is short by nature (a lottery number, an index close); the key hashes it verbatim. */
export const publicValueMax = 100;

export type DrawTextProblem = 'missing' | 'too_long' | 'control';

export type DrawTextOutcome =
	| { ok: true; value: string }
	| { ok: false; problem: DrawTextProblem; max: number; length: number };

// Line breaks and other control characters would make the published text, and the key
// "<seed>:<public value>", differ from what a reader types when checking.
const controlCharacter = /[\p{Cc}\u2028\u2029]/u;

/** Trims and checks one of the texts; anything but a string counts as missing. */
export function parseDrawText(raw: unknown, max: number): DrawTextOutcome {
	const value = typeof raw === 'string' ? raw.trim() : '';
	const length = [...value].length;
	if (length === 0) return { ok: false, problem: 'missing', max, length };
	if (length > max) return { ok: false, problem: 'too_long', max, length };
	if (controlCharacter.test(value)) return { ok: false, problem: 'control', max, length };
	return { ok: true, value };
}

export function parsePublicValueSource(raw: unknown): DrawTextOutcome {
	return parseDrawText(raw, publicValueSourceMax);
}

export function parsePublicValue(raw: unknown): DrawTextOutcome {
	return parseDrawText(raw, publicValueMax);
}

/**
 * Exact rationals on bigint. Every published figure is computed with these until the final rounding,
 * so a rate or score can be reproduced by hand from the counts: no floating point is involved in any
 * decision or displayed digit.
 *
 * Invariant: den > 0 and gcd(|num|, den) = 1, so structurally equal values are equal numbers.
 */
export interface Rational {
	readonly num: bigint;
	readonly den: bigint;
}

export type RoundingMode = 'half-up' | 'truncate';

function abs(value: bigint): bigint {
	return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
	let x = abs(a);
	let y = abs(b);
	while (y !== 0n) [x, y] = [y, x % y];
	return x;
}

function toBigInt(value: bigint | number, what: string): bigint {
	if (typeof value === 'bigint') return value;
	if (!Number.isSafeInteger(value))
		throw new RangeError(`${what} must be a safe integer: ${value}`);
	return BigInt(value);
}

/** num/den in lowest terms; throws on a zero denominator. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
	let n = toBigInt(num, 'numerator');
	let d = toBigInt(den, 'denominator');
	if (d === 0n) throw new RangeError('denominator must not be zero');
	if (d < 0n) [n, d] = [-n, -d];
	const divisor = gcd(n, d);
	return divisor > 1n ? { num: n / divisor, den: d / divisor } : { num: n, den: d };
}

export function fromInt(value: bigint | number): Rational {
	return rational(value, 1n);
}

export const ZERO: Rational = fromInt(0);
export const ONE: Rational = fromInt(1);

/**
 * A decimal literal such as "95.5", "-0.25" or "1e-3" as an exact rational. Numbers typed by people
 * (scores, option values) arrive as decimals; parsing their text avoids binary floating-point error.
 */
export function fromDecimal(value: string | number): Rational {
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new RangeError(`not a finite number: ${value}`);
	}
	const text = String(value).trim();
	const match = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
	if (!match) throw new RangeError(`not a decimal number: ${text}`);
	const [, sign, whole, fraction = '', exponentText = '0'] = match;
	const exponent = Number(exponentText) - fraction.length;
	let num = BigInt(whole + fraction);
	let den = 1n;
	if (exponent >= 0) num *= 10n ** BigInt(exponent);
	else den = 10n ** BigInt(-exponent);
	return rational(sign === '-' ? -num : num, den);
}

export function add(a: Rational, b: Rational): Rational {
	return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
	return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
	return rational(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
	if (b.num === 0n) throw new RangeError('division by zero');
	return rational(a.num * b.den, a.den * b.num);
}

export function neg(a: Rational): Rational {
	return { num: -a.num, den: a.den };
}

/** -1, 0 or 1 by cross-multiplication (denominators are positive, so the sign is preserved). */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
	const left = a.num * b.den;
	const right = b.num * a.den;
	return left < right ? -1 : left > right ? 1 : 0;
}

export function equals(a: Rational, b: Rational): boolean {
	return a.num === b.num && a.den === b.den;
}

export function sum(values: Iterable<Rational>): Rational {
	let total = ZERO;
	for (const value of values) total = add(total, value);
	return total;
}

/**
 * The value written with `precision` decimals. 'half-up' rounds a half away from zero (四舍五入 on
 * the magnitude); 'truncate' drops the extra digits (toward zero). Both work on the exact value.
 */
export function toDecimalString(
	value: Rational,
	precision: number,
	mode: RoundingMode = 'half-up'
): string {
	if (!Number.isInteger(precision) || precision < 0 || precision > 20) {
		throw new RangeError(`precision must be an integer from 0 to 20: ${precision}`);
	}
	const scale = 10n ** BigInt(precision);
	const magnitude = abs(value.num) * scale;
	let units = magnitude / value.den;
	const remainder = magnitude % value.den;
	if (mode === 'half-up' && remainder * 2n >= value.den) units += 1n;
	const digits = units.toString().padStart(precision + 1, '0');
	const integerPart = digits.slice(0, digits.length - precision);
	const fractionPart = digits.slice(digits.length - precision);
	const sign = value.num < 0n && units !== 0n ? '-' : '';
	return precision === 0 ? `${sign}${integerPart}` : `${sign}${integerPart}.${fractionPart}`;
}

/** A ratio shown as a percentage, e.g. 131/133 → "98.50" (half-up, 2 decimals). */
export function toPercentString(value: Rational, precision: number, mode: RoundingMode): string {
	return toDecimalString(mul(value, fromInt(100)), precision, mode);
}

/** For charts and sorting hints only; never use the result for a decision or a displayed figure. */
export function toNumber(value: Rational): number {
	return Number(value.num) / Number(value.den);
}

export function isRational(value: unknown): value is Rational {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Rational).num === 'bigint' &&
		typeof (value as Rational).den === 'bigint'
	);
}

/** "num/den" (or "num" when whole): a lossless text form for JSON snapshots and test messages. */
export function toFractionString(value: Rational): string {
	return value.den === 1n ? value.num.toString() : `${value.num}/${value.den}`;
}

/** Reads the text written by `toFractionString` ("131/133", "-4"). */
export function fromFractionString(text: string): Rational {
	const match = /^(-?\d+)(?:\/(\d+))?$/.exec(text.trim());
	if (!match) throw new RangeError(`not a fraction: ${text}`);
	return rational(BigInt(match[1]), BigInt(match[2] ?? '1'));
}

/**
 * A JSON.stringify replacer that writes rationals as "num/den" text, since JSON has no bigint:
 * `JSON.stringify(results, rationalReplacer)` gives a snapshot that keeps every exact value.
 */
export function rationalReplacer(_key: string, value: unknown): unknown {
	return isRational(value) ? toFractionString(value) : value;
}

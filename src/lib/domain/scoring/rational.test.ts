import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	add,
	compare,
	div,
	equals,
	fromDecimal,
	fromFractionString,
	fromInt,
	mul,
	neg,
	ONE,
	rational,
	rationalReplacer,
	sub,
	toDecimalString,
	toFractionString,
	toPercentString,
	ZERO,
	type Rational
} from './rational';

const small = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
const positive = fc.bigInt({ min: 1n, max: 10n ** 12n });
const rationalArb = fc.tuple(small, positive).map(([num, den]) => rational(num, den));
const nonNegative = fc
	.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), positive)
	.map(([num, den]) => rational(num, den));

/** Parses a display string back into an exact rational, to measure rounding error exactly. */
function parsed(text: string): Rational {
	return fromDecimal(text);
}

describe('rational construction', () => {
	it('normalizes by the greatest common divisor and keeps the denominator positive', () => {
		expect(rational(6, -4)).toEqual({ num: -3n, den: 2n });
		expect(rational(0, 7)).toEqual({ num: 0n, den: 1n });
		expect(fromInt(5)).toEqual({ num: 5n, den: 1n });
	});

	it('rejects a zero denominator and unsafe integers', () => {
		expect(() => rational(1, 0)).toThrow(RangeError);
		expect(() => rational(0.5, 1)).toThrow(RangeError);
	});

	it('parses decimal text exactly, without binary floating point', () => {
		expect(fromDecimal('0.1')).toEqual(rational(1, 10));
		expect(fromDecimal(95.5)).toEqual(rational(191, 2));
		expect(fromDecimal('-1.25e1')).toEqual(rational(-25, 2));
		expect(add(fromDecimal(0.1), fromDecimal(0.2))).toEqual(fromDecimal('0.3'));
		expect(() => fromDecimal('abc')).toThrow(RangeError);
	});

	it('writes a lossless fraction form that reads back and survives JSON', () => {
		expect(toFractionString(rational(131, 133))).toBe('131/133');
		expect(toFractionString(fromInt(-4))).toBe('-4');
		expect(fromFractionString('262/266')).toEqual(rational(131, 133));
		expect(() => fromFractionString('1/0')).toThrow(RangeError);
		expect(() => fromFractionString('x')).toThrow(RangeError);
		const snapshot = JSON.stringify({ rate: rational(131, 133), count: 133 }, rationalReplacer);
		expect(snapshot).toBe('{"rate":"131/133","count":133}');
		fc.assert(
			fc.property(rationalArb, (value) => {
				expect(fromFractionString(toFractionString(value))).toEqual(value);
			})
		);
	});
});

describe('rational field laws', () => {
	it('adds and multiplies commutatively and associatively', () => {
		fc.assert(
			fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
				expect(add(a, b)).toEqual(add(b, a));
				expect(mul(a, b)).toEqual(mul(b, a));
				expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
				expect(mul(mul(a, b), c)).toEqual(mul(a, mul(b, c)));
			})
		);
	});

	it('distributes multiplication over addition and has identities and inverses', () => {
		fc.assert(
			fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
				expect(mul(a, add(b, c))).toEqual(add(mul(a, b), mul(a, c)));
				expect(add(a, ZERO)).toEqual(a);
				expect(mul(a, ONE)).toEqual(a);
				expect(add(a, neg(a))).toEqual(ZERO);
				expect(sub(add(a, b), b)).toEqual(a);
				if (b.num !== 0n) expect(mul(div(a, b), b)).toEqual(a);
			})
		);
	});

	it('throws on division by zero', () => {
		expect(() => div(ONE, ZERO)).toThrow(RangeError);
	});

	it('compares consistently with cross-multiplication and structural equality', () => {
		fc.assert(
			fc.property(small, positive, small, positive, (an, ad, bn, bd) => {
				const a = rational(an, ad);
				const b = rational(bn, bd);
				const cross = an * bd - bn * ad;
				expect(compare(a, b)).toBe(cross < 0n ? -1 : cross > 0n ? 1 : 0);
				expect(compare(a, b) === 0).toBe(equals(a, b));
				expect(compare(b, a)).toBe(-compare(a, b));
			})
		);
	});
});

describe('decimal display', () => {
	it('rounds half up on the exact value, not through floating point', () => {
		// 1.005 is 1.00499999... as a double; exactly it is a half and rounds up.
		expect(toDecimalString(fromDecimal('1.005'), 2, 'half-up')).toBe('1.01');
		expect(toDecimalString(rational(131, 133), 4, 'half-up')).toBe('0.9850');
		expect(toDecimalString(rational(131, 133), 4, 'truncate')).toBe('0.9849');
		expect(toDecimalString(rational(-1, 8), 2, 'half-up')).toBe('-0.13');
		expect(toDecimalString(rational(-1, 200), 2, 'half-up')).toBe('-0.01');
		expect(toDecimalString(rational(-1, 1000), 2, 'half-up')).toBe('0.00');
		expect(toDecimalString(rational(7, 2), 0, 'half-up')).toBe('4');
		expect(toPercentString(rational(131, 133), 2, 'truncate')).toBe('98.49');
	});

	it('rejects a precision outside 0..20', () => {
		expect(() => toDecimalString(ONE, -1)).toThrow(RangeError);
		expect(() => toDecimalString(ONE, 1.5)).toThrow(RangeError);
	});

	it('is never off by more than half a unit (half-up) or one unit (truncate) in the last place', () => {
		fc.assert(
			fc.property(rationalArb, fc.integer({ min: 0, max: 6 }), (value, precision) => {
				const unit = rational(1n, 10n ** BigInt(precision));
				const half = mul(unit, rational(1, 2));
				const rounded = parsed(toDecimalString(value, precision, 'half-up'));
				// Half away from zero: on the magnitude, the error lies in (-half, +half].
				const signed = sub(rounded, value);
				const error = value.num < 0n ? neg(signed) : signed;
				expect(compare(error, half)).toBeLessThanOrEqual(0);
				expect(compare(neg(error), half)).toBeLessThan(0);
				const truncated = parsed(toDecimalString(value, precision, 'truncate'));
				const gap = sub(value, truncated);
				const magnitudeGap = value.num < 0n ? neg(gap) : gap;
				expect(compare(magnitudeGap, ZERO)).toBeGreaterThanOrEqual(0);
				expect(compare(magnitudeGap, unit)).toBeLessThan(0);
			})
		);
	});

	it('truncates to at most the exact value, which is below the next unit', () => {
		fc.assert(
			fc.property(nonNegative, fc.integer({ min: 0, max: 6 }), (value, precision) => {
				const unit = rational(1n, 10n ** BigInt(precision));
				const truncated = parsed(toDecimalString(value, precision, 'truncate'));
				const rounded = parsed(toDecimalString(value, precision, 'half-up'));
				expect(compare(truncated, value)).toBeLessThanOrEqual(0);
				expect(compare(value, add(truncated, unit))).toBeLessThan(0);
				expect(compare(truncated, rounded)).toBeLessThanOrEqual(0);
				expect(compare(rounded, add(truncated, unit))).toBeLessThanOrEqual(0);
			})
		);
	});
});

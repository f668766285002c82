import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './chain';

describe('canonicalJson', () => {
	it('gives the same text whatever the key order', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
				const reversed = Object.fromEntries(Object.entries(object).reverse());
				expect(canonicalJson(reversed)).toBe(canonicalJson(object));
			})
		);
	});

	it('round-trips through JSON.parse', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
			})
		);
	});
});

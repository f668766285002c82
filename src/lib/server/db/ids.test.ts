import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRowId, parseRowId } from './ids';

describe('parseRowId', () => {
	it('accepts every id an int4 identity column can hold', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: maxRowId }), (id) => {
				expect(parseRowId(String(id))).toBe(id);
			})
		);
	});

	it('refuses zero, negatives, fractions, words, blanks and numbers past int4', () => {
		for (const value of [
			'0',
			'-1',
			'1.5',
			'1e3',
			'abc',
			'',
			' 7',
			'2147483648',
			'99999999999',
			null
		]) {
			expect(parseRowId(value)).toBeNull();
		}
	});

	it('never throws and never returns an id outside 1..int4 for any string', () => {
		fc.assert(
			fc.property(fc.string(), (value) => {
				const id = parseRowId(value);
				expect(id === null || (Number.isInteger(id) && id >= 1 && id <= maxRowId)).toBe(true);
			})
		);
	});
});

import { describe, expect, it } from 'vitest';
import { canonicalEntry, entryDifferences, normalizeSerial } from './campaign-paper';

describe('double entry of paper ballots', () => {
	it('treats the same answers keyed in another order as a match', () => {
		const first = { 'a:1:p': ['b', 'a'], 'a:1:q': ['good'], 'r:1:q': [' '] };
		const second = { 'a:1:q': ['good'], 'a:1:p': ['a', 'b'] };
		expect(entryDifferences(first, second)).toEqual([]);
		expect(canonicalEntry(first)).toEqual({ 'a:1:p': ['a', 'b'], 'a:1:q': ['good'] });
	});

	it('names every field the two keyings disagree on', () => {
		const first = { 'a:1:q': ['good'], 'a:2:q': ['poor'] };
		const second = { 'a:1:q': ['average'], 'a:3:q': ['poor'] };
		expect(entryDifferences(first, second)).toEqual(['a:1:q', 'a:2:q', 'a:3:q']);
	});

	it('accepts printed serial numbers and nothing else', () => {
		expect(normalizeSerial(' a-0012 ')).toBe('A-0012');
		expect(normalizeSerial('')).toBeNull();
		expect(normalizeSerial('12; drop table')).toBeNull();
	});
});

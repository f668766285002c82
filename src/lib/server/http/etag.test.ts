import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etagOf, noneMatch } from './etag';

describe('etagOf', () => {
	it('is a quoted strong tag that changes with the body', () => {
		const tag = etagOf('{"a":1}');
		expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
		expect(etagOf('{"a":1}')).toBe(tag);
		expect(etagOf('{"a":2}')).not.toBe(tag);
	});

	it('differs for any two different bodies (as far as a sample can tell)', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				fc.pre(a !== b);
				expect(etagOf(a)).not.toBe(etagOf(b));
			})
		);
	});
});

describe('noneMatch', () => {
	const tag = etagOf('body');

	it('matches the tag alone, in a list, weakly, or as *', () => {
		expect(noneMatch(tag, tag)).toBe(true);
		expect(noneMatch(`"other", ${tag}`, tag)).toBe(true);
		expect(noneMatch(`W/${tag}`, tag)).toBe(true);
		expect(noneMatch('*', tag)).toBe(true);
	});

	it('matches nothing for no header, another tag, or a malformed one', () => {
		expect(noneMatch(null, tag)).toBe(false);
		expect(noneMatch('', tag)).toBe(false);
		expect(noneMatch(etagOf('other'), tag)).toBe(false);
		expect(noneMatch(tag.slice(1, -1), tag)).toBe(false);
	});
});

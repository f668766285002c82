import { describe, expect, it } from 'vitest';
import { containsPattern, escapeLike } from './like';

describe('LIKE patterns from typed text', () => {
	it('matches %, _ and the escape character literally', () => {
		expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
		expect(containsPattern('办公室')).toBe('%办公室%');
		expect(containsPattern('5%')).toBe('%5\\%%');
	});
});

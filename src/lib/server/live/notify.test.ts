import { describe, expect, it } from 'vitest';
import { parsePayload } from './notify';

describe('live notification payload', () => {
	it('reads a campaign id and nothing else', () => {
		expect(parsePayload('42')).toBe(42);
		expect(parsePayload('0')).toBeNull();
		expect(parsePayload('-3')).toBeNull();
		expect(parsePayload('4.5')).toBeNull();
		expect(parsePayload('42; drop table ballot')).toBeNull();
		expect(parsePayload('')).toBeNull();
	});
});

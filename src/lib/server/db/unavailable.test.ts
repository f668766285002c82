import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('database unavailable', () => {
	it('recognizes dropped connections, restarts and refused sockets', () => {
		for (const code of [
			'CONNECTION_CLOSED',
			'CONNECT_TIMEOUT',
			'ECONNREFUSED',
			'57P01',
			'57P03',
			'08006'
		])
			expect(isDatabaseUnavailable(withCode(code))).toBe(true);
	});

	it('looks through the wrapper Drizzle puts around a driver error', () => {
		const wrapped = new Error('Failed query: insert …', { cause: withCode('CONNECTION_CLOSED') });
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
	});

	it('does not excuse bugs, bad SQL or constraint violations', () => {
		for (const error of [
			withCode('23505'),
			withCode('42P01'),
			new TypeError('x is undefined'),
			null,
			'CONNECTION_CLOSED'
		])
			expect(isDatabaseUnavailable(error)).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { isJsonContentType } from './ballot-json';
import { matchLeanRoute } from './node-route';

describe('the lean ballot route', () => {
	it('takes only POSTs to the two JSON ballot paths', () => {
		expect(matchLeanRoute('POST', '/vote/ABCD2345EFGH/ballot')).toEqual({
			kind: 'code',
			code: 'ABCD2345EFGH'
		});
		expect(matchLeanRoute('POST', '/vote/abcd%20x/ballot?x=1')).toEqual({
			kind: 'code',
			code: 'abcd x'
		});
		expect(matchLeanRoute('POST', '/vote/%E0%A4%A/ballot')).toEqual({ kind: 'code', code: '' });
		expect(matchLeanRoute('POST', '/api/ballots/12')).toEqual({ kind: 'juror', campaignId: '12' });
		expect(matchLeanRoute('POST', '/api/ballots/x%00')).toEqual({
			kind: 'juror',
			campaignId: 'x%00'
		});
		for (const [method, url] of [
			['GET', '/vote/ABCD2345EFGH/ballot'],
			['PUT', '/api/ballots/12'],
			['POST', '/vote/ABCD2345EFGH'],
			['POST', '/vote/ABCD2345EFGH/ballot/'],
			['POST', '/api/ballots/12/extra'],
			['POST', '/api/ballots'],
			['POST', '/ballot/12'],
			['POST', undefined]
		] as const)
			expect(matchLeanRoute(method, url)).toBeNull();
	});

	it('reads a JSON content type in any case, with parameters, and nothing else', () => {
		for (const type of ['application/json', 'APPLICATION/JSON', 'Application/Json; charset=UTF-8'])
			expect(isJsonContentType(type)).toBe(true);
		for (const type of [
			null,
			'',
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/jsonp',
			'application/json-patch+json'
		])
			expect(isJsonContentType(type)).toBe(false);
	});
});

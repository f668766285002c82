import { describe, expect, it } from 'vitest';
import { isJsonContentType } from './ballot-json';
import { matchLiveFeed } from './live-feed';
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

describe('live feed path', () => {
	it('takes GET /live/<campaign>/events, with or without a query, and nothing else', () => {
		expect(matchLiveFeed('GET', '/live/12/events')).toBe('12');
		expect(matchLiveFeed('GET', '/live/12/events?lastEventId=5')).toBe('12');
		for (const [method, url] of [
			['POST', '/live/12/events'],
			['GET', '/live/12/events/'],
			['GET', '/live/12/screen'],
			['GET', '/live/12/eventsx'],
			['GET', '/live//events'],
			['GET', undefined]
		] as const)
			expect(matchLiveFeed(method, url)).toBeNull();
	});
});

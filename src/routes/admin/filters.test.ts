import { describe, expect, it } from 'vitest';
import { pageHref, parseAuditFilter, parseUserFilter, startOfDayCst } from './filters';

const params = (query: string) => new URLSearchParams(query);

describe('account list parameters', () => {
	it('reads a search, a kind or role and a page', () => {
		expect(parseUserFilter(params('q=+王+&role=juror&page=3'))).toEqual({
			ok: true,
			filter: { q: '王', role: 'juror', page: 3 },
			echo: { q: '王', role: 'juror' }
		});
	});

	it('refuses an unknown role and an overlong search with a sentence', () => {
		expect(parseUserFilter(params('role=superuser'))).toMatchObject({ ok: false });
		const long = parseUserFilter(params(`q=${'x'.repeat(101)}`));
		expect(long.ok ? '' : long.message).toContain('100');
	});
});

describe('audit trail parameters', () => {
	it('turns days into China Standard Time instants, the last day counted whole', () => {
		const parsed = parseAuditFilter(params('from=2026-03-01&to=2026-03-01&action=auth.'));
		expect(parsed).toMatchObject({
			ok: true,
			filter: {
				action: 'auth.',
				from: new Date('2026-02-28T16:00:00Z'),
				until: new Date('2026-03-01T16:00:00Z')
			}
		});
	});

	it('refuses impossible dates, reversed ranges and malformed keys', () => {
		expect(startOfDayCst('2026-02-30')).toBeNull();
		expect(startOfDayCst('2026/03/01')).toBeNull();
		for (const query of [
			'from=2026-02-30',
			'from=2026-03-02&to=2026-03-01',
			"action=auth.x'--",
			'subjectType=User Type',
			`subjectId=${'9'.repeat(51)}`
		]) {
			expect(parseAuditFilter(params(query)).ok, query).toBe(false);
		}
	});

	it('keeps the filters on the next page and drops empty ones', () => {
		expect(pageHref(params('actor=wang&action=&page=2'), 3)).toBe('?actor=wang&page=3');
	});
});

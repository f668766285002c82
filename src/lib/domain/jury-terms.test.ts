import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	isDueForRenewal,
	isExpired,
	isIsoDate,
	renewalTerm,
	termEnd,
	todayIn
} from './jury-terms';

const day = fc
	.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
	.map((date) => date.toISOString().slice(0, 10));

describe('juror terms', () => {
	it('ends a two-year term on the day before its second anniversary', () => {
		expect(termEnd('2026-03-01')).toBe('2028-02-29');
		expect(termEnd('2026-01-15')).toBe('2028-01-14');
		expect(termEnd('2024-02-29')).toBe('2026-02-27');
	});

	it('clamps month arithmetic to the last day of the month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
	});

	it('expires a term the day after its last day, not on it', () => {
		expect(isExpired('2028-02-29', '2028-02-29')).toBe(false);
		expect(isExpired('2028-02-29', '2028-03-01')).toBe(true);
	});

	it('lists a term for renewal from 60 days before its end until its last day', () => {
		expect(isDueForRenewal('2026-12-31', '2026-11-01')).toBe(true);
		expect(isDueForRenewal('2026-12-31', '2026-11-01', 59)).toBe(false);
		expect(isDueForRenewal('2026-12-31', '2026-12-31')).toBe(true);
		expect(isDueForRenewal('2026-12-31', '2027-01-01')).toBe(false);
	});

	it('always makes terms that start before they end and last at most two years', () => {
		fc.assert(
			fc.property(day, (start) => {
				const end = termEnd(start);
				expect(start < end).toBe(true);
				expect(addDays(end, 1) <= addMonths(start, 24)).toBe(true);
				expect(isIsoDate(end)).toBe(true);
			})
		);
	});

	it('starts a renewal the day after the old term, or today when that has passed', () => {
		expect(renewalTerm('2026-12-31', '2026-11-01')).toEqual({
			start: '2027-01-01',
			end: '2028-12-31'
		});
		expect(renewalTerm('2026-12-31', '2027-03-05').start).toBe('2027-03-05');
		fc.assert(
			fc.property(day, day, (end, today) => {
				const next = renewalTerm(end, today);
				expect(next.start > end).toBe(true);
				expect(next.start >= today || next.start === addDays(end, 1)).toBe(true);
			})
		);
	});

	it('rejects dates that do not exist', () => {
		expect(isIsoDate('2026-02-30')).toBe(false);
		expect(isIsoDate('2026-2-3')).toBe(false);
		expect(() => addDays('nonsense', 1)).toThrow(RangeError);
	});

	it('reads today in China Standard Time', () => {
		expect(todayIn(new Date('2026-11-21T17:00:00Z'))).toBe('2026-11-22');
	});
});

/**
 * Juror terms (聘任制, 2 years by default). Dates are calendar days written 'YYYY-MM-DD' and compared
 * as strings, which orders them correctly; a term's end is its last day, inclusive, so a term that
 * starts on 2026-03-01 for 24 months ends on 2028-02-29 and the juror is expired from 2028-03-01.
 */

export interface TermSettings {
	termMonths: number;
	renewalNoticeDays: number;
}

export const defaultTermSettings: TermSettings = { termMonths: 24, renewalNoticeDays: 60 };

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
	const match = isoDate.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
	return date.toISOString().slice(0, 10) === value;
}

function parse(value: string): Date {
	if (!isIsoDate(value)) throw new RangeError(`not a calendar date: ${value}`);
	return new Date(`${value}T00:00:00Z`);
}

function format(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
	const date = parse(day);
	date.setUTCDate(date.getUTCDate() + days);
	return format(date);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
	const date = parse(day);
	const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
	const lastDay = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
	).getUTCDate();
	target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
	return format(target);
}

/** The last day of a term that starts on `start`. */
export function termEnd(start: string, termMonths = defaultTermSettings.termMonths): string {
	return addDays(addMonths(start, termMonths), -1);
}

/** A term is over once its last day has passed. */
export function isExpired(end: string, today: string): boolean {
	return today > end;
}

/** Ends within the notice window (today included), and not yet over. */
export function isDueForRenewal(
	end: string,
	today: string,
	noticeDays = defaultTermSettings.renewalNoticeDays
): boolean {
	return !isExpired(end, today) && end <= addDays(today, noticeDays);
}

/** A renewal starts the day after the old term ends, or today if that day has already passed. */
export function renewalTerm(
	previousEnd: string,
	today: string,
	termMonths = defaultTermSettings.termMonths
): { start: string; end: string } {
	const next = addDays(previousEnd, 1);
	const start = next < today ? today : next;
	return { start, end: termEnd(start, termMonths) };
}

/** Today's date in a time zone (China Standard Time by default, where the jury lives). */
export function todayIn(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

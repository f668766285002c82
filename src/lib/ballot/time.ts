/**
 * Times shown to voters. The voter pages are rendered on the server, whose clock may run in UTC;
 * jurors read times in China Standard Time, so the zone is named rather than taken from the
 * machine (a close at 18:00 Beijing time must not read 10:00). The messages around the formatted
 * time say "Beijing time" (ballot_list_closes, ballot_list_opens).
 */
export const voterTimeZone = 'Asia/Shanghai';

/** A date and time, minutes precision, in the voters' zone and the page's language. */
export function formatVoterTime(date: Date, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: voterTimeZone,
		dateStyle: 'medium',
		timeStyle: 'short',
		hourCycle: 'h23'
	}).format(date);
}

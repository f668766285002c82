/**
 * Calendar years as the organization department counts them: in China Standard Time (UTC+8, no
 * daylight saving), whatever zone the server runs in. A campaign closing at 00:30 on 1 January
 * Beijing time closes in the new year, though it is still 31 December in UTC.
 */
const offsetMs = 8 * 3_600_000;

export function yearInChina(at: Date): number {
	return new Date(at.getTime() + offsetMs).getUTCFullYear();
}

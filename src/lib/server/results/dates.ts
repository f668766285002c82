/** Calendar days as 'YYYY-MM-DD' in China Standard Time (UTC+8), where deadlines are set. */
export function todayInChina(now = new Date()): string {
	return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** '2027-Q1' for any day of January to March 2027. */
export function quarterOf(day: string): string {
	const month = Number(day.slice(5, 7));
	return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

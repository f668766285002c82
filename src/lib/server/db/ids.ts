/** The largest value of PostgreSQL's `integer` (int4), the type of every identity column here. */
export const maxRowId = 2_147_483_647;

/**
 * A row id from a URL segment or form field, or null when it cannot name a row: not all digits,
 * zero, or beyond int4 — a larger number would make PostgreSQL fail the query, a 500 instead of
 * the 404 or 400 the caller gives for null.
 */
export function parseRowId(value: string | null | undefined): number | null {
	if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return null;
	const id = Number(value);
	return id > 0 && id <= maxRowId ? id : null;
}

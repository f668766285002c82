/**
 * Rows of a raw `db.execute(sql...)` result. postgres.js returns the rows as an array, PGlite as
 * `{ rows }`; code that runs on both drivers reads them through this.
 */
export function rowsOf<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}

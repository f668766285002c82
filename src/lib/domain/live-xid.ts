/**
 * Which committed transactions a PostgreSQL snapshot shows (docs/LIVE.md, "Transport"): the hub
 * keeps in-memory tallies advanced by each local commit and recounts from the database now and
 * then; a recount's snapshot (`pg_current_snapshot()`) says which of the commits it already
 * holds, so the hub adds back exactly the others.
 *
 * Transaction ids are `xid8` (64 bits, never wrapping), kept as bigint.
 */

export interface XidSnapshot {
	/** Every transaction below this had finished when the snapshot was taken. */
	xmin: bigint;
	/** No transaction at or above this had started. */
	xmax: bigint;
	/** In progress when the snapshot was taken (each xmin ≤ xip < xmax). */
	xip: ReadonlySet<bigint>;
}

const snapshotPattern = /^(\d{1,20}):(\d{1,20}):((?:\d{1,20}(?:,\d{1,20})*)?)$/;
const xidPattern = /^\d{1,20}$/;

/** Parses `pg_current_snapshot()::text` (`xmin:xmax:xip,xip,…`); null for anything else. */
export function parseSnapshot(text: string): XidSnapshot | null {
	const match = snapshotPattern.exec(text.trim());
	if (!match) return null;
	const xmin = BigInt(match[1]);
	const xmax = BigInt(match[2]);
	const xip = match[3] === '' ? [] : match[3].split(',').map((x) => BigInt(x));
	if (xmax < xmin || xip.some((x) => x < xmin || x >= xmax)) return null;
	return { xmin, xmax, xip: new Set(xip) };
}

/** Parses `pg_current_xact_id()::text`; null for anything else. */
export function parseXid(text: string): bigint | null {
	const trimmed = text.trim();
	return xidPattern.test(trimmed) ? BigInt(trimmed) : null;
}

/**
 * Whether a transaction that committed is visible in the snapshot: it finished before the
 * snapshot was taken (below xmin, or below xmax and not listed as in progress).
 */
export function xidVisible(snapshot: XidSnapshot, xid: bigint): boolean {
	if (xid < snapshot.xmin) return true;
	if (xid >= snapshot.xmax) return false;
	return !snapshot.xip.has(xid);
}

/** The snapshot as PostgreSQL prints it (for logs and tests). */
export function formatSnapshot(snapshot: XidSnapshot): string {
	const xip = [...snapshot.xip].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return `${snapshot.xmin}:${snapshot.xmax}:${xip.join(',')}`;
}

/**
 * The dashboard's series, kept in memory between page views (docs/TRENDS.md, "The series cache").
 *
 * A series changes only when a value or a region does, a few times a year; leaders open the same
 * views again and again. Each view reads `trends_version` first (one row, raised by a trigger in
 * every transaction that changes `indicator_value` or `region`, migration 0011) and then finds the
 * series under that version, or reads it and keeps it. The version is read before the series, so
 * a kept series is never older than its version says; every instance reads the same row, so an
 * import on one shows on all at the next view.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import type { SeriesQuery, SeriesResult } from './queries';

type Reader = Pick<Database, 'execute'>;

export interface SeriesCacheLimits {
	/** Most values, regions and averages kept in all (a province view of 300 districts × 10 years holds 3,310). */
	maxPoints: number;
}

export const defaultSeriesCacheLimits: SeriesCacheLimits = { maxPoints: 150_000 };

interface Entry {
	/** Shared by every view that asks while the series is being read: one read, not several. */
	series: Promise<SeriesResult>;
	points: number;
}

export class SeriesCache {
	private version: number | null = null;
	/** In the order of last use: the first is the one to drop. */
	private readonly entries = new Map<string, Entry>();
	private points = 0;
	readonly stats = { hits: 0, misses: 0 };

	constructor(private readonly limits: SeriesCacheLimits = defaultSeriesCacheLimits) {}

	/** The series for `query` as of `version`, read with `read` if it is not kept. */
	get(
		version: number,
		query: SeriesQuery,
		read: (query: SeriesQuery) => Promise<SeriesResult>
	): Promise<SeriesResult> {
		// A newer version makes every kept series stale; an older one (a view that read the version
		// before a commit and got here after a newer view) reads for itself and keeps nothing.
		if (this.version === null || version > this.version) this.reset(version);
		if (version < (this.version as number)) return read(query);
		const key = keyOf(query);
		const kept = this.entries.get(key);
		if (kept) {
			this.stats.hits++;
			this.entries.delete(key);
			this.entries.set(key, kept);
			return kept.series;
		}
		this.stats.misses++;
		const entry: Entry = { series: read(query), points: 0 };
		this.entries.set(key, entry);
		entry.series.then(
			(series) => {
				if (this.entries.get(key) !== entry) return;
				entry.points =
					series.points.length +
					series.regions.length +
					series.averages.length +
					series.documents.length;
				this.points += entry.points;
				this.trim();
			},
			// A failed read is not kept: the next view tries again.
			() => {
				if (this.entries.get(key) === entry) this.entries.delete(key);
			}
		);
		return entry.series;
	}

	get size(): number {
		return this.entries.size;
	}

	private reset(version: number): void {
		this.version = version;
		this.entries.clear();
		this.points = 0;
	}

	private trim(): void {
		for (const [key, entry] of this.entries) {
			if (this.points <= this.limits.maxPoints || this.entries.size <= 1) break;
			this.entries.delete(key);
			this.points -= entry.points;
		}
	}
}

/** The scope as a sorted list, so two readers with the same regions share an entry. */
function keyOf(query: SeriesQuery): string {
	const scope = query.scope === null ? null : [...query.scope].sort((a, b) => a - b);
	return JSON.stringify([
		query.indicatorId,
		query.areaId,
		query.level,
		query.fromYear,
		query.toYear,
		scope
	]);
}

/** The version, or null if its row is gone (then nothing may be kept: nothing would say when). */
export async function readTrendsVersion(db: Reader): Promise<number | null> {
	const [row] = rowsOf<{ version: number | string }>(
		await db.execute(sql`select version from trends_version`)
	);
	return row ? Number(row.version) : null;
}

const caches = new WeakMap<object, SeriesCache>();

/** The cache of one database (each test database, each instance has its own). */
export function seriesCacheOf(db: object): SeriesCache {
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new SeriesCache()));
	return cache;
}

import { describe, expect, it } from 'vitest';
import type { SeriesQuery, SeriesResult } from './queries';
import { SeriesCache } from './series-cache';

const query: SeriesQuery = {
	indicatorId: 1,
	areaId: 10,
	level: 'district',
	fromYear: 2016,
	toYear: 2025,
	scope: null
};

/** A series of `n` values, tagged so a test can tell which read produced it. */
function seriesOf(n: number, tag: string): SeriesResult {
	return {
		regions: [{ id: 1, code: '990811', name: tag }],
		points: Array.from({ length: n }, (_, i) => ({
			regionId: 1,
			year: 2016 + i,
			value: '80',
			rank: null,
			peers: null,
			source: 'imported' as const
		})),
		averages: [],
		documents: [],
		parent: null
	};
}

/** A reader that counts its reads and answers `n` values tagged with the read's number. */
function countingReader(n = 3) {
	const reader = {
		reads: 0,
		read: async (_q: SeriesQuery) => seriesOf(n, `read ${++reader.reads}`)
	};
	return reader;
}

describe('SeriesCache', () => {
	it('reads a series once per version and query', async () => {
		const cache = new SeriesCache();
		const reader = countingReader();
		const first = await cache.get(1, query, reader.read);
		const again = await cache.get(1, { ...query }, reader.read);
		expect(again).toBe(first);
		expect(reader.reads).toBe(1);
		await cache.get(1, { ...query, level: 'city' }, reader.read);
		expect(reader.reads).toBe(2);
		expect(cache.stats).toEqual({ hits: 1, misses: 2 });
	});

	it('drops everything kept when a newer version is seen', async () => {
		const cache = new SeriesCache();
		const reader = countingReader();
		await cache.get(1, query, reader.read);
		const after = await cache.get(2, query, reader.read);
		expect(after.regions[0].name).toBe('read 2');
		expect(cache.size).toBe(1);
	});

	it('answers a view that read an older version from its own read, keeping nothing', async () => {
		const cache = new SeriesCache();
		const reader = countingReader();
		await cache.get(5, query, reader.read);
		const late = await cache.get(4, query, reader.read);
		expect(late.regions[0].name).toBe('read 2');
		expect((await cache.get(5, query, reader.read)).regions[0].name).toBe('read 1');
		expect(reader.reads).toBe(2);
	});

	it('shares one read between views that ask while it runs', async () => {
		const cache = new SeriesCache();
		const reader = countingReader();
		const [a, b] = await Promise.all([
			cache.get(1, query, reader.read),
			cache.get(1, query, reader.read)
		]);
		expect(a).toBe(b);
		expect(reader.reads).toBe(1);
	});

	it('keeps no failed read: the next view reads again', async () => {
		const cache = new SeriesCache();
		const failing = async () => {
			throw new Error('connection lost');
		};
		await expect(cache.get(1, query, failing)).rejects.toThrow('connection lost');
		const reader = countingReader();
		await cache.get(1, query, reader.read);
		expect(reader.reads).toBe(1);
	});

	it('treats the same scope in another order as the same query', async () => {
		const cache = new SeriesCache();
		const reader = countingReader();
		await cache.get(1, { ...query, scope: [3, 1, 2] }, reader.read);
		await cache.get(1, { ...query, scope: [1, 2, 3] }, reader.read);
		expect(reader.reads).toBe(1);
		await cache.get(1, { ...query, scope: [1, 2] }, reader.read);
		expect(reader.reads).toBe(2);
	});

	it('drops the least recently used series past its size, never the one just read', async () => {
		// Each series is 10 values + 1 region: two fit in 25, three do not.
		const cache = new SeriesCache({ maxPoints: 25 });
		const reader = countingReader(10);
		const at = (areaId: number) => ({ ...query, areaId });
		await cache.get(1, at(1), reader.read);
		await cache.get(1, at(2), reader.read);
		await cache.get(1, at(1), reader.read); // area 1 is now the most recently used
		await cache.get(1, at(3), reader.read);
		expect(reader.reads).toBe(3);
		expect(cache.size).toBe(2);
		await cache.get(1, at(1), reader.read);
		expect(reader.reads).toBe(3);
		await cache.get(1, at(2), reader.read);
		expect(reader.reads).toBe(4);

		const tiny = new SeriesCache({ maxPoints: 5 });
		await tiny.get(1, at(1), reader.read);
		expect(tiny.size).toBe(1);
	});
});

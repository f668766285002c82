import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSnapshot, parseSnapshot, parseXid, xidVisible } from './live-xid';

describe('parseSnapshot', () => {
	it('reads what PostgreSQL prints', () => {
		expect(parseSnapshot('740:740:')).toEqual({ xmin: 740n, xmax: 740n, xip: new Set() });
		const s = parseSnapshot('10:20:10,14,15');
		expect(s?.xmin).toBe(10n);
		expect(s?.xmax).toBe(20n);
		expect([...(s?.xip ?? [])]).toEqual([10n, 14n, 15n]);
		// xid8 goes past 2^53 after a very long life: kept exactly.
		expect(parseSnapshot('9007199254740993:9007199254740995:')?.xmin).toBe(9007199254740993n);
	});

	it('refuses anything else', () => {
		for (const bad of ['', '1:2', 'a:b:', '5:4:', '10:20:9', '10:20:20', '10:20:11,', '1:2:3:4'])
			expect(parseSnapshot(bad)).toBeNull();
	});

	it('round-trips', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 3n, max: 1n << 62n }),
				fc.integer({ min: 0, max: 50 }),
				fc.array(fc.integer({ min: 0, max: 49 })),
				(xmin, span, offsets) => {
					const xmax = xmin + BigInt(span);
					const xip = new Set(offsets.filter((o) => o < span).map((o) => xmin + BigInt(o)));
					const snapshot = { xmin, xmax, xip };
					expect(parseSnapshot(formatSnapshot(snapshot))).toEqual(snapshot);
				}
			)
		);
	});
});

describe('parseXid', () => {
	it('reads an xid8 and refuses junk', () => {
		expect(parseXid('741')).toBe(741n);
		expect(parseXid(' 741 ')).toBe(741n);
		expect(parseXid('-1')).toBeNull();
		expect(parseXid('')).toBeNull();
	});
});

describe('xidVisible', () => {
	const snapshot = parseSnapshot('10:20:10,14,15')!;

	it('shows what finished before, hides what ran or started later', () => {
		expect(xidVisible(snapshot, 3n)).toBe(true);
		expect(xidVisible(snapshot, 9n)).toBe(true);
		expect(xidVisible(snapshot, 10n)).toBe(false);
		expect(xidVisible(snapshot, 11n)).toBe(true);
		expect(xidVisible(snapshot, 14n)).toBe(false);
		expect(xidVisible(snapshot, 16n)).toBe(true);
		expect(xidVisible(snapshot, 19n)).toBe(true);
		expect(xidVisible(snapshot, 20n)).toBe(false);
		expect(xidVisible(snapshot, 1000n)).toBe(false);
	});

	it('agrees with a model of a timeline: visible exactly when committed before the snapshot', () => {
		// Transactions start in xid order and commit in any order; a snapshot taken at some
		// moment lists the started-but-unfinished ones. Each committed transaction must be
		// visible exactly when its commit came before the snapshot.
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
				fc.integer({ min: 0, max: 1000 }),
				fc.integer({ min: 0, max: 1000 }),
				(durations, at, base) => {
					const first = BigInt(base) + 3n;
					const txs = durations.map((d, i) => ({
						xid: first + BigInt(i),
						start: i * 10,
						end: i * 10 + d
					}));
					const started = txs.filter((t) => t.start <= at);
					const running = started.filter((t) => t.end > at);
					const xmax = first + BigInt(started.length);
					const xmin = running.length > 0 ? running[0].xid : xmax;
					const snap = { xmin, xmax, xip: new Set(running.map((t) => t.xid)) };
					for (const t of txs) expect(xidVisible(snap, t.xid)).toBe(t.end <= at);
				}
			)
		);
	});
});

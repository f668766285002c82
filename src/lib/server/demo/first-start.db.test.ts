import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { rowsOf } from '../db/rows';
import { seedDemoOnFirstStart, type StartLog } from './first-start';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

function recordingLog() {
	const lines: string[] = [];
	const log: StartLog = {
		info: (line) => lines.push(line),
		error: (line) => lines.push(`!${line}`)
	};
	return { lines, log };
}

async function regionCount(): Promise<number> {
	const [{ n }] = rowsOf<{ n: number }>(
		await database.db.execute(sql`select count(*)::int as n from region`)
	);
	return n;
}

describe('seedDemoOnFirstStart', () => {
	it('does nothing when SEED_DEMO is false', async () => {
		const { lines, log } = recordingLog();
		expect(await seedDemoOnFirstStart({ db: database.db, kind: 'pglite' }, 'FALSE', log)).toBe(
			'disabled'
		);
		expect(lines).toEqual([]);
		expect(await regionCount()).toBe(0);
	});

	it('never seeds a PostgreSQL database by itself, only hints at the command', async () => {
		const { lines, log } = recordingLog();
		expect(await seedDemoOnFirstStart({ db: database.db, kind: 'postgres' }, undefined, log)).toBe(
			'postgres-hint'
		);
		expect(lines).toEqual([expect.stringContaining('npm run seed:demo')]);
		expect(await regionCount()).toBe(0);
	});

	it('seeds an empty embedded database and says so in one line', async () => {
		const { lines, log } = recordingLog();
		expect(await seedDemoOnFirstStart({ db: database.db, kind: 'pglite' }, 'true', log)).toBe(
			'seeded'
		);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^minping: empty embedded database — seeded the demo province \(17 cities, 12 districts, \d+ townships, 60 units, 120 windows, 600 cadres, \d+ yearly indicator values\) in \d+\.\d s/
		);
		expect(await regionCount()).toBeGreaterThan(30);
	});

	it('leaves a database with data alone on later starts', async () => {
		const before = await regionCount();
		const { lines, log } = recordingLog();
		expect(await seedDemoOnFirstStart({ db: database.db, kind: 'pglite' }, undefined, log)).toBe(
			'not-empty'
		);
		expect(lines).toEqual([]);
		expect(await regionCount()).toBe(before);
	});

	it('logs one line and carries on when the database fails', async () => {
		const failing = {
			select: () => {
				throw new Error('disk\nfull');
			}
		} as never;
		const { lines, log } = recordingLog();
		expect(await seedDemoOnFirstStart({ db: failing, kind: 'pglite' }, undefined, log)).toBe(
			'failed'
		);
		expect(lines).toEqual([
			expect.stringMatching(/^!minping: could not seed the demo province \(disk full\)/)
		]);
	});
});

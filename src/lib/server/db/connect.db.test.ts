import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testServerUrl,
	type TestDatabase
} from '../../../../test/support/database';
import { describeConnectionError, openDatabase, redactUrl } from './connect';
import { rowsOf } from './rows';
import * as table from './schema';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('the database layer', () => {
	it('uses the driver the environment asks for', () => {
		expect(database.kind).toBe(testServerUrl() ? 'postgres' : 'pglite');
	});

	it('applies the migrations so the reference tables exist', async () => {
		const rows = await database.db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`
		);
		const names = rowsOf<{ table_name: string }>(rows);
		expect(names.map((r) => r.table_name)).toEqual(
			expect.arrayContaining(['region', 'unit', 'cadre'])
		);
	});

	it('refuses a province with a parent and a service window without a unit', async () => {
		const [province] = await database.db
			.insert(table.region)
			.values({ code: '990000', name: '测试省', level: 'province' })
			.returning();
		await expect(
			database.db
				.insert(table.region)
				.values({ code: '990001', name: '错省', level: 'province', parentId: province.id })
		).rejects.toThrow();
		await expect(
			database.db
				.insert(table.unit)
				.values({ code: 'W1', name: '窗口', kind: 'service_window', regionId: province.id })
		).rejects.toThrow();
	});

	it('answers a ping and migrates twice without harm', async () => {
		await database.migrate();
		await expect(database.ping()).resolves.toBeUndefined();
	});
});

describe('connection errors', () => {
	it('hides the password in the printed URL', () => {
		expect(redactUrl('postgres://u:secret@db.example:5432/x')).toBe(
			'postgres://u:***@db.example:5432/x'
		);
	});

	it('describe an unreachable server in one line naming the URL', async () => {
		const handle = openDatabase({
			url: 'postgres://nobody:pw@127.0.0.1:1/none',
			maxConnections: 1
		});
		const error = await handle.ping().then(
			() => null,
			(e: unknown) => e
		);
		await handle.close();
		const line = describeConnectionError(handle, error);
		expect(line).toContain('postgres://nobody:***@127.0.0.1:1/none');
		expect(line).toContain('ECONNREFUSED');
		expect(line).not.toContain('\n');
	});
});

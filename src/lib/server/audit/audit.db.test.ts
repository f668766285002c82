import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { recordAuditEvent, verifyAuditChain } from '.';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('the audit chain', () => {
	it('links concurrent writers into one unbroken line', async () => {
		await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				database.db.transaction((tx) =>
					recordAuditEvent(tx, {
						action: 'test.event',
						subjectType: 'thing',
						subjectId: i,
						details: { i }
					})
				)
			)
		);
		const rows = await database.db.select().from(table.auditEvent);
		expect(rows).toHaveLength(12);
		expect(await verifyAuditChain(database.db)).toBeNull();
	});

	it('names the first event whose stored content was changed', async () => {
		await database.db.execute(
			sql`update audit_event set details = '{"i": 99}'::jsonb where seq = 5`
		);
		expect(await verifyAuditChain(database.db)).toEqual({ seq: 5, reason: 'hash' });
	});

	it('notices a removed event', async () => {
		await database.db.delete(table.auditEvent).where(eq(table.auditEvent.seq, 3));
		expect(await verifyAuditChain(database.db)).toEqual({ seq: 4, reason: 'gap' });
	});
});

import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { rowsOf } from '$lib/server/db/rows';
import { transitionCampaign } from './lifecycle';
import { submitBallots } from './submit';
import { createUser, openCampaign, validBallot } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

/** The tables that hold what was voted (and the receipts), as a dump would show them. */
const answerTables = ['ballot', 'ballot_answer', 'submission'];

interface Column {
	table_name: string;
	column_name: string;
	data_type: string;
}

interface ForeignKey {
	from_table: string;
	from_column: string;
	to_table: string;
}

describe('a secret campaign', () => {
	it('stores answers that no column or foreign key links to a rater', async () => {
		const jurors = await Promise.all(
			['甲', '乙', '丙'].map((name) => createUser(database.db, 'juror', `secret-${name}`))
		);
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters: jurors
		});
		for (const userId of jurors)
			await submitBallots(database.db, {
				campaignId: id,
				idempotencyKey: randomUUID(),
				rater: { kind: 'user', userId },
				ballots: validBallot(definition)
			});

		const columns = rowsOf<Column>(
			await database.db.execute(sql`
				select table_name, column_name, data_type from information_schema.columns
				where table_schema = 'public' and table_name in ('ballot', 'ballot_answer', 'submission')
				order by table_name, ordinal_position`)
		);
		const keys = rowsOf<ForeignKey>(
			await database.db.execute(sql`
				select tc.table_name as from_table, kcu.column_name as from_column,
					ccu.table_name as to_table
				from information_schema.table_constraints tc
				join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
				join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
				where tc.constraint_type = 'FOREIGN KEY'
					and tc.table_name in ('ballot', 'ballot_answer', 'submission')`)
		);
		// The dump, for the reader of the test log: every column of the tables that hold answers.
		console.log(columns.map((c) => `${c.table_name}.${c.column_name}: ${c.data_type}`).join('\n'));

		// No exact time anywhere on the answer side: only calendar dates.
		expect(columns.filter((c) => c.data_type.startsWith('timestamp'))).toEqual([]);
		// The only way from an answer to a person is ballot.rater_id, kept for named campaigns.
		const toPeople = keys.filter((k) =>
			['app_user', 'participation', 'ballot_code', 'electorate'].includes(k.to_table)
		);
		expect(toPeople).toEqual([
			{ from_table: 'ballot', from_column: 'rater_id', to_table: 'app_user' }
		]);
		expect(answerTables.every((name) => columns.some((c) => c.table_name === name))).toBe(true);

		const ballots = await database.db
			.select()
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, id));
		expect(ballots).toHaveLength(6);
		expect(ballots.every((b) => b.raterId === null)).toBe(true);
		expect(ballots.every((b) => /^[0-9a-f-]{36}$/.test(b.id))).toBe(true);
		// One day for everyone: the date cannot order ballots against participation times.
		expect(new Set(ballots.map((b) => b.castOn)).size).toBe(1);
	});

	it('leaves no shared transaction id or arrival order between ballots and voters once closed', async () => {
		const jurors = await Promise.all(
			['子', '丑', '寅', '卯'].map((name) => createUser(database.db, 'juror', `xmin-${name}`))
		);
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey', {
			voters: jurors
		});
		for (const userId of jurors)
			await submitBallots(database.db, {
				campaignId: id,
				idempotencyKey: randomUUID(),
				rater: { kind: 'user', userId },
				ballots: validBallot(definition)
			});
		const linked = async () =>
			rowsOf<{ n: number }>(
				await database.db.execute(sql`
					select count(*)::int as n from ballot b
					join participation p on p.xmin::text = b.xmin::text
					where b.campaign_id = ${id} and p.campaign_id = ${id}`)
			)[0].n;
		// The limitation while open, stated rather than hidden: one transaction wrote both rows.
		expect(await linked()).toBe(4);

		await transitionCampaign(database.db, id, 'closed', null);
		expect(await linked()).toBe(0);
		const stamps = rowsOf<{ xmin: string }>(
			await database.db.execute(
				sql`select distinct xmin::text as xmin from ballot where campaign_id = ${id}`
			)
		);
		expect(stamps).toHaveLength(1);
		// Physical order is the order of the random ids, not the order of arrival.
		const physical = rowsOf<{ id: string }>(
			await database.db.execute(sql`select id from ballot where campaign_id = ${id} order by ctid`)
		).map((r) => r.id);
		expect(physical).toEqual([...physical].sort());
		const [answers] = rowsOf<{ n: number }>(
			await database.db.execute(sql`
				select count(*)::int as n from ballot_answer a join ballot b on b.id = a.ballot_id
				where b.campaign_id = ${id}`)
		);
		expect(answers.n).toBe(4 * 4);
	});

	it('keeps the rater on the ballot only when the campaign is named', async () => {
		const juror = await createUser(database.db, 'juror', 'named-voter');
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey', {
			voters: [juror],
			secret: false
		});
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'user', userId: juror },
			ballots: validBallot(definition)
		});
		const [row] = await database.db
			.select({ raterId: table.ballot.raterId })
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, id));
		expect(row.raterId).toBe(juror);
	});
});

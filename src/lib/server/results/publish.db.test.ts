import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { verifyAuditChain } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { PublishError, publishResults } from './publish';
import { computeResults } from './compute';
import { canonicalSnapshot, sha256Hex } from './snapshot';
import { cast, criteria, closeFixture, openFixture, type Fixture } from './test-fixtures';
import { differingPaths, verifyPublishedResults } from './verify';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function unitCampaign(): Promise<Fixture> {
	const db = database.db;
	const units = ['甲局', '乙局', '丙局'].map((label) => ({ kind: 'unit' as const, label }));
	const fixture = await openFixture(db, 'unit_evaluation', units);
	for (const [label, score] of [
		['甲局', 90],
		['乙局', 80],
		['丙局', 70]
	] as const)
		await cast(db, fixture, label, 'service_users', criteria(score), 6);
	return fixture;
}

describe('publication', () => {
	it('refuses a campaign that is still open and writes nothing', async () => {
		const fixture = await unitCampaign();
		await expect(publishResults(database.db, fixture.id, null)).rejects.toEqual(
			new PublishError('not_closed')
		);
		const rows = await database.db
			.select()
			.from(table.result)
			.where(eq(table.result.campaignId, fixture.id));
		expect(rows).toEqual([]);
	});

	it('freezes the snapshot, its hash, the outcomes and the audit event, then marks it published', async () => {
		const db = database.db;
		const fixture = await unitCampaign();
		await closeFixture(db, fixture);
		const publication = await publishResults(db, fixture.id, null);
		const [stored] = await db
			.select()
			.from(table.result)
			.where(eq(table.result.campaignId, fixture.id));
		expect(stored).toMatchObject({ sha256: publication.sha256, ballotCount: 18 });
		expect(sha256Hex(stored.snapshot)).toBe(stored.sha256);
		expect(stored.rulesApplied).toEqual(['last_place', 'bottom_three']);
		const [campaign] = await db
			.select()
			.from(table.campaign)
			.where(eq(table.campaign.id, fixture.id));
		expect(campaign.state).toBe('published');
		const outcomes = await db
			.select()
			.from(table.outcome)
			.where(eq(table.outcome.campaignId, fixture.id));
		expect(outcomes.map((o) => o.ruleId).sort()).toEqual([
			'bottom_three',
			'bottom_three',
			'bottom_three',
			'last_place'
		]);
		expect(outcomes.every((o) => o.status === 'proposed')).toBe(true);
		const [event] = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'results.publish'));
		expect(event.details).toMatchObject({ sha256: publication.sha256, ballots: 18 });
		expect(await verifyAuditChain(db)).toBeNull();
		await expect(publishResults(db, fixture.id, null)).rejects.toEqual(
			new PublishError('not_closed')
		);
	});

	it('verifies intact results and names a campaign whose ballot was changed after publication', async () => {
		const db = database.db;
		expect((await verifyPublishedResults(db)).mismatches).toEqual([]);
		const fixture = await unitCampaign();
		await closeFixture(db, fixture);
		await publishResults(db, fixture.id, null);
		// Someone rewrites one stored score of 丙局 from 70 to 100.
		await db.execute(sql`
			update ballot_answer set score = 100
			where ballot_id = (
				select b.id from ballot b where b.campaign_id = ${fixture.id}
				and b.subject_id = ${fixture.subject('丙局')} limit 1)`);
		const { checked, mismatches } = await verifyPublishedResults(db);
		expect(checked).toBe(2);
		expect(mismatches).toHaveLength(1);
		expect(mismatches[0]).toMatchObject({ campaignId: fixture.id, reason: 'recomputed_differs' });
		expect(mismatches[0].detail.length).toBeGreaterThan(0);
	});

	it('names a snapshot edited in place, whose text no longer matches its hash', async () => {
		const db = database.db;
		const fixture = await unitCampaign();
		await closeFixture(db, fixture);
		await publishResults(db, fixture.id, null);
		await db.execute(
			sql`update result set snapshot = replace(snapshot, '"ballots":18', '"ballots":19') where campaign_id = ${fixture.id}`
		);
		const { mismatches } = await verifyPublishedResults(db);
		expect(mismatches).toContainEqual({
			campaignId: fixture.id,
			reason: 'stored_hash',
			detail: []
		});
	});

	it('recomputes a snapshot by the rules of the format it was published in', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'democratic_assessment', [
			{ kind: 'cadre', label: '赵六' }
		]);
		// Leaders (3) hidden, staff hidden with them: format 2 publishes one mix of the two, format 1 both.
		await cast(db, fixture, '赵六', 'leaders', { overall_grade: 'excellent' }, 3);
		await cast(db, fixture, '赵六', 'staff', { overall_grade: 'competent' }, 6);
		await closeFixture(db, fixture);
		await publishResults(db, fixture.id, null);
		const formatOne = await computeResults(db, fixture.id, 'minping-results/1');
		if (!formatOne) throw new Error('campaign vanished');
		const older = canonicalSnapshot(formatOne.snapshot);
		// What an install published before format 2: the text, its hash and the audit's hash.
		const storeAsPublished = async (text: string) => {
			const hash = sha256Hex(text);
			await db.execute(
				sql`update result set snapshot = ${text}, sha256 = ${hash} where campaign_id = ${fixture.id}`
			);
			await db.execute(sql`
				update audit_event set details = jsonb_set(details, '{sha256}', to_jsonb(${hash}::text))
				where action = 'results.publish' and subject_id = ${String(fixture.id)}`);
		};
		const mismatches = async () =>
			(await verifyPublishedResults(db)).mismatches.filter((m) => m.campaignId === fixture.id);
		await storeAsPublished(older);
		expect(await mismatches()).toEqual([]);
		// The same figures under format 2's name are not what format 2 computes.
		await storeAsPublished(older.replace('"minping-results/1"', '"minping-results/2"'));
		expect(await mismatches()).toMatchObject([{ reason: 'recomputed_differs' }]);
	});

	it('refuses practice ballots of a campaign still in test mode', async () => {
		const db = database.db;
		const fixture = await unitCampaign();
		await closeFixture(db, fixture);
		await db
			.update(table.campaign)
			.set({ testMode: true })
			.where(eq(table.campaign.id, fixture.id));
		await expect(publishResults(db, fixture.id, null)).rejects.toEqual(
			new PublishError('test_mode')
		);
	});

	it('publishes once when two staff press the button at the same moment', async () => {
		const db = database.db;
		const fixture = await unitCampaign();
		await closeFixture(db, fixture);
		const attempts = await Promise.allSettled([
			publishResults(db, fixture.id, null),
			publishResults(db, fixture.id, null)
		]);
		expect(attempts.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = attempts.find((a) => a.status === 'rejected');
		expect(refused?.reason).toEqual(new PublishError('not_closed'));
		const events = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectId, String(fixture.id)));
		expect(events.filter((e) => e.action === 'results.publish')).toHaveLength(1);
	});

	it('lists the JSON paths where two results differ', () => {
		expect(differingPaths({ a: [1, { b: 2 }], c: 3 }, { a: [1, { b: 5 }], c: 3 })).toEqual([
			'$.a[1].b'
		]);
	});
});

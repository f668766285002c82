import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { computeResults } from './compute';
import { publishResults } from './publish';
import { cast, closeFixture, criteria, openFixture } from './test-fixtures';
import { verifyPublishedResults } from './verify';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const subjects = [
	{ kind: 'unit' as const, label: '甲局' },
	{ kind: 'unit' as const, label: '乙局' }
];

async function withAudience(countWithJury: boolean | undefined) {
	const db = database.db;
	const settings =
		countWithJury === undefined ? undefined : { audience: { enabled: true, countWithJury } };
	const fixture = await openFixture(db, 'unit_evaluation', subjects, settings);
	await cast(db, fixture, '甲局', 'service_users', criteria(90), 5);
	await cast(db, fixture, '乙局', 'service_users', criteria(80), 5);
	// The TV audience loves 乙局.
	await cast(db, fixture, '甲局', null, criteria(10), 6, 'audience');
	await cast(db, fixture, '乙局', null, criteria(100), 6, 'audience');
	return fixture;
}

describe('audience ballots', () => {
	it('are left out of the jury figures and shown as their own section by default', async () => {
		const db = database.db;
		const fixture = await withAudience(undefined);
		const computed = await computeResults(db, fixture.id);
		const main = computed?.snapshot.rankings.main ?? [];
		expect(computed?.snapshot.ballots).toBe(10);
		expect(main.find((s) => s.subjectId === fixture.subject('甲局'))?.display).toBe('90.00');
		expect(main.find((s) => s.subjectId === fixture.subject('甲局'))?.rank).toBe(1);
		const audience = computed?.snapshot.audience;
		expect(audience?.ballots).toBe(12);
		const crowd = audience?.rankings.main ?? [];
		expect(crowd.find((s) => s.subjectId === fixture.subject('乙局'))).toMatchObject({
			display: '100.00',
			rank: 1
		});
		// Rules look at the jury's ranking only: 乙局 is last there.
		expect(computed?.snapshot.outcomes.map((o) => o.subject)).toContain(
			String(fixture.subject('乙局'))
		);
		expect(computed?.snapshot.settings.audienceWithJury).toBeUndefined();

		await closeFixture(db, fixture);
		await publishResults(db, fixture.id, null);
		const verified = await verifyPublishedResults(db);
		expect(verified.mismatches.filter((m) => m.campaignId === fixture.id)).toEqual([]);
		const [stored] = await db
			.select()
			.from(table.result)
			.where(eq(table.result.campaignId, fixture.id));
		expect(JSON.parse(stored.snapshot).audience.ballots).toBe(12);
	});

	it('count with the jury when the campaign says so, with no separate section', async () => {
		const db = database.db;
		const fixture = await withAudience(true);
		const computed = await computeResults(db, fixture.id);
		expect(computed?.snapshot.ballots).toBe(22);
		expect(computed?.snapshot.audience).toBeUndefined();
		expect(computed?.snapshot.settings.audienceWithJury).toBe(true);
		// Pooled: (5×90 + 6×10) / 11 = 46.36 on each criterion. The tier-weighted headline stays
		// 90: audience ballots carry no rater tier, and untiered ballots count in the pooled figure.
		const item = computed?.snapshot.items.find(
			(i) => i.question === 'conduct' && i.subject === fixture.subject('甲局')
		);
		expect(item && !item.suppressed && item.pooled.score?.display).toBe('46.36');
	});

	it('leave the snapshot as before when there are none', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'unit_evaluation', subjects);
		await cast(db, fixture, '甲局', 'service_users', criteria(90), 5);
		const computed = await computeResults(db, fixture.id);
		expect(computed?.snapshot).not.toHaveProperty('audience');
	});
});

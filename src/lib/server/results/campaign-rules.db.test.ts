import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { rulesFromTemplate, serializeRules } from '$lib/domain/scoring';
import * as table from '$lib/server/db/schema';
import {
	RulesError,
	resetCampaignRules,
	rulesOfCampaign,
	saveCampaignRules
} from './campaign-rules';
import { computeResults } from './compute';
import { publishResults } from './publish';
import { cast, closeFixture, criteria, openFixture } from './test-fixtures';
import { verifyPublishedResults } from './verify';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const units = ['甲', '乙', '丙', '丁', '戊'].map((label) => ({ kind: 'unit' as const, label }));

async function evaluated() {
	const db = database.db;
	const fixture = await openFixture(db, 'unit_evaluation', units);
	for (const [i, u] of units.entries())
		await cast(db, fixture, u.label, 'service_users', criteria(90 - i * 5), 5);
	await closeFixture(db, fixture);
	return fixture;
}

describe("a campaign's own consequence rules", () => {
	it('starts from the template, applies the edited rules, freezes them at publication and verifies', async () => {
		const db = database.db;
		const fixture = await evaluated();
		expect((await rulesOfCampaign(db, fixture.definition.campaign)).source).toBe('template');

		const edited = serializeRules(rulesFromTemplate('unit_evaluation'));
		(edited[1] as { n: number }).n = 2;
		(edited[1] as { rectificationDays: number }).rectificationDays = 30;
		await saveCampaignRules(db, fixture.id, edited, null);
		const computed = await computeResults(db, fixture.id);
		const bottom = computed?.snapshot.outcomes.filter((o) => o.ruleId === 'bottom_three');
		expect(bottom?.map((o) => o.subject).sort()).toEqual(
			[fixture.subject('丁'), fixture.subject('戊')].map(String).sort()
		);
		expect(bottom?.[0].rectificationDays).toBe(30);
		// The edited rule lost the template's attribution, the unchanged one kept it.
		expect(computed?.snapshot.rules[0].provenance).toBeDefined();
		expect(computed?.snapshot.rules[1].provenance).toBeUndefined();

		await publishResults(db, fixture.id, null);
		const [stored] = await db
			.select()
			.from(table.result)
			.where(eq(table.result.campaignId, fixture.id));
		expect(JSON.parse(stored.snapshot).rules[1]).toMatchObject({ n: 2, rectificationDays: 30 });
		await expect(saveCampaignRules(db, fixture.id, edited, null)).rejects.toMatchObject({
			refusal: 'frozen'
		});
		await expect(resetCampaignRules(db, fixture.id, null)).rejects.toBeInstanceOf(RulesError);
		const verified = await verifyPublishedResults(db);
		expect(verified.mismatches.filter((m) => m.campaignId === fixture.id)).toEqual([]);

		const events = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'results.rules_update'));
		expect(events.some((e) => e.subjectId === String(fixture.id))).toBe(true);
	});

	it('writes nothing when any rule is invalid, and names each problem', async () => {
		const db = database.db;
		const fixture = await evaluated();
		const error = await saveCampaignRules(
			db,
			fixture.id,
			[{ id: 'x', kind: 'bottom', n: -1, consequences: ['merit_award'] }],
			null
		).catch((e) => e);
		expect(error).toBeInstanceOf(RulesError);
		expect(error.issues).toEqual([{ index: 0, code: 'places' }]);
		const rows = await db
			.select()
			.from(table.campaignRules)
			.where(eq(table.campaignRules.campaignId, fixture.id));
		expect(rows).toEqual([]);
	});

	it('goes back to the template on reset', async () => {
		const db = database.db;
		const fixture = await evaluated();
		await saveCampaignRules(db, fixture.id, [], null);
		expect((await computeResults(db, fixture.id))?.snapshot.outcomes).toEqual([]);
		await resetCampaignRules(db, fixture.id, null);
		const again = await rulesOfCampaign(db, fixture.definition.campaign);
		expect(again.source).toBe('template');
		expect((await computeResults(db, fixture.id))?.snapshot.outcomes.length).toBeGreaterThan(0);
	});
});

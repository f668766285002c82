import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import {
	addMember,
	createGroup,
	getGroup,
	GroupError,
	groupView,
	publishGroup,
	publishedGroupOfCampaign,
	removeMember,
	saveGroupRules
} from './groups';
import { publishResults } from './publish';
import { cast, closeFixture, openFixture, type Fixture } from './test-fixtures';
import { verifyPublishedResults } from './verify';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

async function regions() {
	const db = database.db;
	const [province] = await db
		.insert(table.region)
		.values({ code: '950000', name: '排名省', level: 'province' })
		.returning();
	const [city] = await db
		.insert(table.region)
		.values({ code: '950100', name: '排名市', level: 'city', parentId: province.id })
		.returning();
	const districts = await db
		.insert(table.region)
		.values(
			['东区', '西区', '南区'].map((name, i) => ({
				code: `95010${i + 1}`,
				name,
				level: 'district' as const,
				parentId: city.id
			}))
		)
		.returning();
	return { province, city, districts };
}

/** A district survey where everyone answers `option` on all four questions. */
async function survey(regionId: number, option: string, n = 6): Promise<Fixture> {
	const db = database.db;
	const fixture = await openFixture(db, 'satisfaction_survey', [], undefined, {
		regionId,
		title: `满意度调查 ${regionId}`
	});
	const answers = {
		org_work: option,
		org_staff_image: option,
		selection: option,
		malpractice: option
	};
	await cast(db, fixture, '总体评价', null, answers, n);
	await closeFixture(db, fixture);
	return fixture;
}

describe('ranking districts against each other', () => {
	it('previews, refuses to freeze until all are published, then ranks, applies last place and verifies', async () => {
		const db = database.db;
		const { city, districts } = await regions();
		const [east, west, south] = [
			await survey(districts[0].id, 'very_satisfied'),
			await survey(districts[1].id, 'satisfied'),
			await survey(districts[2].id, 'basically_satisfied')
		];
		// What regionScope gives a city organizer: the city and everything below it.
		const cityScope = [city.id, ...districts.map((d) => d.id)];
		const groupId = await createGroup(
			db,
			{ title: `${year} 区县满意度排名`, kind: 'satisfaction_survey', year, regionId: city.id },
			cityScope,
			null
		);
		await expect(
			createGroup(
				db,
				{ title: 'x', kind: 'satisfaction_survey', year, regionId: null },
				cityScope,
				null
			)
		).rejects.toMatchObject({ refusal: 'region' });
		for (const f of [east, west, south]) await addMember(db, groupId, f.id, cityScope, null);
		await expect(addMember(db, groupId, east.id, cityScope, null)).rejects.toMatchObject({
			refusal: 'already_member'
		});
		const unitEval = await openFixture(
			db,
			'unit_evaluation',
			[{ kind: 'unit', label: '甲' }],
			undefined,
			{
				regionId: districts[0].id
			}
		);
		await expect(addMember(db, groupId, unitEval.id, cityScope, null)).rejects.toMatchObject({
			refusal: 'wrong_kind'
		});

		const detail = await getGroup(db, groupId, cityScope);
		expect(detail?.rules.map((r) => r.id)).toEqual(['last_place']);
		expect(await getGroup(db, groupId, [districts[0].id])).toBeNull();
		const preview = await groupView(db, detail!);
		expect(preview?.frozen).toBe(false);
		expect(preview?.allPublished).toBe(false);
		expect(preview?.snapshot.ranking.map((s) => [s.label, s.display, s.rank])).toEqual([
			['东区', '100.00', 1],
			['西区', '80.00', 2],
			['南区', '60.00', 3]
		]);
		await expect(publishGroup(db, groupId, cityScope, null)).rejects.toMatchObject({
			refusal: 'not_all_published'
		});

		for (const f of [east, west, south]) await publishResults(db, f.id, null);
		// A single survey ranks nothing on its own: no last place inside one campaign.
		const own = await db.select().from(table.outcome).where(eq(table.outcome.campaignId, south.id));
		expect(own).toEqual([]);

		await publishGroup(db, groupId, cityScope, null);
		const frozen = await getGroup(db, groupId, cityScope);
		const view = await groupView(db, frozen!);
		expect(view?.frozen).toBe(true);
		expect(view?.snapshot.rulesApplied).toEqual(['last_place']);
		expect(view?.snapshot.members.every((m) => typeof m.sha256 === 'string')).toBe(true);
		const outcomes = await db
			.select()
			.from(table.outcome)
			.where(and(eq(table.outcome.campaignId, south.id)));
		expect(outcomes.map((o) => o.ruleId)).toEqual([`group:${groupId}:last_place`]);
		expect(outcomes[0].numbers).toMatchObject({ positionFromBottom: 1, of: 3, group: groupId });
		expect(outcomes[0].consequences).toEqual(['not_eligible_excellent', 'no_promotion_this_year']);

		expect((await publishedGroupOfCampaign(db, west.id))?.groupId).toBe(groupId);
		await expect(removeMember(db, groupId, east.id, cityScope, null)).rejects.toBeInstanceOf(
			GroupError
		);
		await expect(saveGroupRules(db, groupId, [], cityScope, null)).rejects.toMatchObject({
			refusal: 'frozen'
		});
		const verified = await verifyPublishedResults(db);
		expect(verified.mismatches).toEqual([]);

		// Tampering with the frozen group ranking is named.
		await db
			.update(table.rankingGroupResult)
			.set({ snapshot: frozen!.result!.snapshot.replace('东区', '北区') })
			.where(eq(table.rankingGroupResult.groupId, groupId));
		const broken = await verifyPublishedResults(db);
		expect(broken.mismatches).toEqual([
			expect.objectContaining({ reason: 'stored_hash', detail: [`ranking group ${groupId}`] })
		]);
		await db
			.update(table.rankingGroupResult)
			.set({ snapshot: frozen!.result!.snapshot })
			.where(eq(table.rankingGroupResult.groupId, groupId));
	});

	it('checks group rules: rank rules only, every problem named, nothing written', async () => {
		const db = database.db;
		const groupId = await createGroup(
			db,
			{ title: '规则组', kind: 'satisfaction_survey', year, regionId: null },
			null,
			null
		);
		const error = await saveGroupRules(
			db,
			groupId,
			[{ id: 't', kind: 'threshold', consequences: ['admonishment'] }],
			null,
			null
		).catch((e) => e);
		expect(error).toMatchObject({
			refusal: 'invalid_rules',
			issues: [{ index: 0, code: 'kind_not_allowed' }]
		});
		await saveGroupRules(
			db,
			groupId,
			[
				{
					id: 'bottom_two',
					kind: 'bottom',
					n: 2,
					consequences: ['key_supervision', 'rectification']
				}
			],
			null,
			null
		);
		expect((await getGroup(db, groupId, null))?.rules).toEqual([
			{ id: 'bottom_two', kind: 'bottom', n: 2, consequences: ['key_supervision', 'rectification'] }
		]);
	});

	it('feeds each district its survey score and satisfaction rates into the trend rollup', async () => {
		const db = database.db;
		const [province] = await db
			.insert(table.region)
			.values({ code: '940000', name: '趋势省', level: 'province' })
			.returning();
		const [city] = await db
			.insert(table.region)
			.values({ code: '940100', name: '趋势市', level: 'city', parentId: province.id })
			.returning();
		const [a, b] = await db
			.insert(table.region)
			.values(
				['甲区', '乙区'].map((name, i) => ({
					code: `94010${i + 1}`,
					name,
					level: 'district' as const,
					parentId: city.id
				}))
			)
			.returning();
		const first = await survey(a.id, 'satisfied');
		const second = await survey(b.id, 'not_very_satisfied');
		await publishResults(db, first.id, null);
		await publishResults(db, second.id, null);
		const rows = await db
			.select({
				key: table.indicator.key,
				regionId: table.indicatorValue.regionId,
				value: table.indicatorValue.value,
				rank: table.indicatorValue.rank
			})
			.from(table.indicatorValue)
			.innerJoin(table.indicator, eq(table.indicator.id, table.indicatorValue.indicatorId))
			.where(eq(table.indicatorValue.source, 'computed'));
		const of = (key: string, regionId: number) =>
			rows.find((r) => r.key === key && r.regionId === regionId);
		expect(Number(of('satisfaction_survey_score', a.id)?.value)).toBe(80);
		expect(of('satisfaction_survey_score', a.id)?.rank).toBe(1);
		expect(Number(of('satisfaction_survey_score', b.id)?.value)).toBe(30);
		expect(of('satisfaction_survey_score', b.id)?.rank).toBe(2);
		expect(Number(of('org_work_satisfaction', a.id)?.value)).toBe(100);
		expect(Number(of('org_work_satisfaction', b.id)?.value)).toBe(0);
		expect(Number(of('malpractice_rectification_satisfaction', a.id)?.value)).toBe(100);
	});
});

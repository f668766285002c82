import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { annualRatingProposals, matchTeamUnit } from './annual-ratings';
import { computeResults } from './compute';
import {
	deleteInterview,
	InterviewError,
	interviewCounts,
	listInterviews,
	parseInterviewForm,
	recordInterview
} from './interviews';
import { rationalReplacer } from '$lib/domain/scoring';
import { cast, openFixture } from './test-fixtures';
import type { PublishedSnapshot } from './snapshot';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function reference() {
	const db = database.db;
	const [province] = await db
		.insert(table.region)
		.values({ code: `97${Math.floor(Math.random() * 1e4)}`, name: '约谈省', level: 'province' })
		.returning();
	const [city] = await db
		.insert(table.region)
		.values({
			code: `96${Math.floor(Math.random() * 1e4)}`,
			name: '约谈市',
			level: 'city',
			parentId: province.id
		})
		.returning();
	const [unitA, unitB] = await db
		.insert(table.unit)
		.values([
			{ code: `YT-A-${city.id}`, name: '甲局', kind: 'department' as const, regionId: city.id },
			{ code: `YT-B-${city.id}`, name: '乙局', kind: 'department' as const, regionId: province.id }
		])
		.returning();
	const [cadre] = await db
		.insert(table.cadre)
		.values({
			code: `YT-C-${city.id}`,
			name: '王五',
			unitId: unitA.id,
			position: '局长',
			level: 'county'
		})
		.returning();
	return { province, city, unitA, unitB, cadre };
}

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

/** The annual rating proposals of a campaign's results as they stand (not published). */
async function proposalsOf(campaignId: number) {
	const db = database.db;
	const computed = await computeResults(db, campaignId);
	const snapshot = JSON.parse(
		JSON.stringify(computed?.snapshot, rationalReplacer)
	) as PublishedSnapshot;
	const [campaign] = await db
		.select()
		.from(table.campaign)
		.where(eq(table.campaign.id, campaignId));
	return annualRatingProposals(db, campaign, snapshot);
}

describe('interviews (约谈)', () => {
	it('checks the form: kind, who, a real date in the year, a reason', () => {
		expect(parseInterviewForm(form({ kind: 'x' }))).toBe('kind');
		expect(parseInterviewForm(form({ kind: 'cadre', cadre: 'abc' }))).toBe('cadre');
		expect(parseInterviewForm(form({ kind: 'team', unit: '3', heldOn: '2026-02-30' }))).toBe(
			'date'
		);
		expect(
			parseInterviewForm(form({ kind: 'team', unit: '3', heldOn: '2026-02-03', year: '2025' }))
		).toBe('year');
		expect(parseInterviewForm(form({ kind: 'team', unit: '3', heldOn: '2026-02-03' }))).toBe(
			'reason'
		);
		expect(
			parseInterviewForm(
				form({ kind: 'team', unit: '3', heldOn: '2026-02-03', reason: ' 群众反映 ' })
			)
		).toEqual({
			kind: 'team',
			cadreId: null,
			unitId: 3,
			heldOn: '2026-02-03',
			year: 2026,
			reason: '群众反映'
		});
	});

	it('records, counts, lists within the scope, refuses outside it, deletes with an audit trail', async () => {
		const db = database.db;
		const { city, unitA, unitB, cadre } = await reference();
		const input = {
			kind: 'cadre' as const,
			cadreId: cadre.id,
			unitId: null,
			heldOn: '2026-03-01',
			year: 2026,
			reason: '作风问题'
		};
		const first = await recordInterview(db, input, [city.id], null);
		await recordInterview(db, { ...input, heldOn: '2026-05-01' }, null, null);
		await recordInterview(
			db,
			{
				kind: 'team',
				cadreId: null,
				unitId: unitA.id,
				heldOn: '2026-06-01',
				year: 2026,
				reason: '班子不团结'
			},
			[city.id],
			null
		);
		await expect(
			recordInterview(
				db,
				{
					kind: 'team',
					cadreId: null,
					unitId: unitB.id,
					heldOn: '2026-06-01',
					year: 2026,
					reason: '越权'
				},
				[city.id],
				null
			)
		).rejects.toMatchObject({ refusal: 'outside_scope' });

		const counts = await interviewCounts(db, 2026, [cadre.id], [unitA.id, unitB.id]);
		expect(counts.cadres.get(cadre.id)).toBe(2);
		expect(counts.teams.get(unitA.id)).toBe(1);
		expect(counts.teams.get(unitB.id)).toBeUndefined();
		expect((await interviewCounts(db, 2025, [cadre.id], [])).cadres.size).toBe(0);

		const listed = await listInterviews(db, 2026, [city.id]);
		expect(listed.map((r) => [r.kind, r.cadreName ?? r.unitName, r.countInYear])).toEqual([
			['team', '甲局', 1],
			['cadre', '王五', 2],
			['cadre', '王五', 2]
		]);
		expect(await listInterviews(db, 2026, [])).toEqual([]);

		await expect(deleteInterview(db, first, [], null)).rejects.toBeInstanceOf(InterviewError);
		await deleteInterview(db, first, [city.id], null);
		expect((await interviewCounts(db, 2026, [cadre.id], [])).cadres.get(cadre.id)).toBe(1);
		const events = await db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectType, 'interview'));
		expect(events.map((e) => e.action)).toEqual(
			expect.arrayContaining(['interview.record', 'interview.delete'])
		);
		const deleted = events.find((e) => e.action === 'interview.delete');
		expect(deleted?.details).toMatchObject({ reason: '作风问题', heldOn: '2026-03-01' });
	});

	it('matches a team subject to exactly one unit by name', () => {
		const units = [
			{ id: 1, name: '甲局' },
			{ id: 2, name: '甲局分局' }
		];
		expect(matchTeamUnit('甲局领导班子', units)).toBe(1);
		expect(matchTeamUnit('甲局班子', units)).toBe(1);
		expect(matchTeamUnit('甲局分局领导班子', units)).toBe(2);
		expect(matchTeamUnit('丙局领导班子', units)).toBeNull();
	});

	it("caps a democratic assessment's proposed annual ratings by the year's interviews", async () => {
		const db = database.db;
		const { city, unitA, cadre } = await reference();
		const fixture = await openFixture(
			db,
			'democratic_assessment',
			[
				{ kind: 'cadre', label: '王五', cadreId: cadre.id, detail: '局长' },
				{ kind: 'team', label: '甲局领导班子' }
			],
			undefined,
			{ regionId: city.id }
		);
		await cast(db, fixture, '王五', 'staff', { overall_grade: 'excellent' }, 5);
		await cast(db, fixture, '甲局领导班子', 'staff', { overall_grade: 'excellent' }, 5);
		const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
		const day = `${year}-01-15`;
		await recordInterview(
			db,
			{ kind: 'cadre', cadreId: cadre.id, unitId: null, heldOn: day, year, reason: '一' },
			null,
			null
		);
		for (const reason of ['一', '二', '三'])
			await recordInterview(
				db,
				{ kind: 'team', cadreId: null, unitId: unitA.id, heldOn: day, year, reason },
				null,
				null
			);

		const proposals = await proposalsOf(fixture.id);
		expect(proposals?.year).toBe(year);
		expect(proposals?.rows).toEqual([
			expect.objectContaining({
				subject: '王五',
				score: '100.00',
				linked: true,
				interviews: 1,
				fromScore: 'excellent',
				rating: 'competent',
				cap: 'cadre_interviewed_once',
				lowered: true
			}),
			expect.objectContaining({
				subject: '甲局领导班子',
				linked: true,
				interviews: 3,
				fromScore: 'excellent',
				rating: 'average',
				cap: 'team_interviewed_three_times'
			})
		]);
	});
});

describe('the head of an interviewed team', () => {
	it("takes 优秀 from a unit's principal leader when its team was interviewed twice, and only from them", async () => {
		const db = database.db;
		const { city, unitA } = await reference();
		const [head, deputy] = await db
			.insert(table.cadre)
			.values([
				{
					code: `YT-H-${city.id}`,
					name: '赵六',
					unitId: unitA.id,
					position: '局长',
					level: 'county' as const,
					headsUnit: true
				},
				{
					code: `YT-D-${city.id}`,
					name: '钱七',
					unitId: unitA.id,
					position: '副局长',
					level: 'county' as const
				}
			])
			.returning();
		const fixture = await openFixture(
			db,
			'democratic_assessment',
			[
				{ kind: 'cadre', label: '赵六', cadreId: head.id, detail: '局长' },
				{ kind: 'cadre', label: '钱七', cadreId: deputy.id, detail: '副局长' }
			],
			undefined,
			{ regionId: city.id }
		);
		await cast(db, fixture, '赵六', 'staff', { overall_grade: 'excellent' }, 5);
		await cast(db, fixture, '钱七', 'staff', { overall_grade: 'excellent' }, 5);
		const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
		for (const reason of ['一', '二'])
			await recordInterview(
				db,
				{ kind: 'team', cadreId: null, unitId: unitA.id, heldOn: `${year}-02-01`, year, reason },
				null,
				null
			);

		const proposals = await proposalsOf(fixture.id);
		expect(proposals?.rows).toEqual([
			expect.objectContaining({
				subject: '赵六',
				interviews: 0,
				headOf: { unitId: unitA.id, unit: '甲局', teamInterviews: 2 },
				fromScore: 'excellent',
				rating: 'competent',
				cap: 'head_of_team_interviewed_twice',
				lowered: true
			}),
			expect.objectContaining({
				subject: '钱七',
				interviews: 0,
				headOf: null,
				rating: 'excellent',
				cap: null,
				lowered: false
			})
		]);
	});
});

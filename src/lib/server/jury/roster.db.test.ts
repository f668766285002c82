import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meetsShare } from '$lib/domain/jury-composition';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { recordRecommendation, reviewApplication, submitApplication } from './applications';
import { countComposition, getJurorDetail, listRenewals, listRoster } from './queries';
import { defaultJurySettings, getJurySettings, saveJurySettings } from './settings';
import { addActiveJuror, createPlace, createStaff, nextPhone, type Place } from './test-fixtures';
import { endMembership, expireDueTerms } from './membership';
import { appointJuror, renewTerm } from './terms';
import { JuryError } from './types';

let database: TestDatabase;
let place: Place;
const rule = defaultJurySettings.rule;

beforeAll(async () => {
	database = await createTestDatabase();
	place = await createPlace(database.db);
});
afterAll(async () => {
	await database?.dispose();
});

async function refusal(promise: Promise<unknown>): Promise<JuryError> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught
	);
	if (!(error instanceof JuryError)) throw new Error(`expected a JuryError, got ${String(error)}`);
	return error;
}

describe('jury roster', () => {
	it('takes a self-nomination as an application and refuses the same phone twice', async () => {
		const { db } = database;
		const input = {
			name: '张三',
			phone: '13800000001',
			regionId: place.districtId,
			category: 'enterprise_staff' as const,
			employerName: '某某公司'
		};
		const { id, confirmationNumber } = await submitApplication(db, input);
		expect(confirmationNumber).toMatch(/^JN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		const [row] = await db.select().from(table.juror).where(eq(table.juror.id, id));
		expect(row).toMatchObject({ status: 'applied', route: 'self_nominated' });
		const duplicate = await refusal(submitApplication(db, { ...input, name: '张三丰' }));
		expect(duplicate.code).toBe('duplicate_phone');
		expect(
			await db.select().from(table.juror).where(eq(table.juror.phone, input.phone))
		).toHaveLength(1);
	});

	it('keeps an application in the queue on a request for information, then approves or rejects it', async () => {
		const { db } = database;
		const base = {
			regionId: place.districtId,
			category: 'citizen_representative' as const,
			employerName: null
		};
		const a = await submitApplication(db, { ...base, name: '李四', phone: nextPhone() });
		const b = await submitApplication(db, { ...base, name: '王五', phone: nextPhone() });
		await reviewApplication(db, a.id, { kind: 'request_info', reason: '请补充工作单位' }, null);
		const queue = await listRoster(db, { roster: 'jury', status: 'applied' });
		expect(queue.find((row) => row.id === a.id)?.infoRequest).toBe('请补充工作单位');
		await reviewApplication(db, a.id, { kind: 'approve', employerUnitId: place.otherUnitId }, null);
		await reviewApplication(db, b.id, { kind: 'reject', reason: '不在本市居住' }, null);
		const detailA = await getJurorDetail(db, a.id);
		const detailB = await getJurorDetail(db, b.id);
		expect(detailA?.juror).toMatchObject({
			status: 'approved',
			employerUnitId: place.otherUnitId,
			infoRequest: null
		});
		expect(detailB?.changes.at(-1)).toMatchObject({
			fromStatus: 'applied',
			toStatus: 'rejected',
			reason: '不在本市居住'
		});
		expect(
			(await refusal(reviewApplication(db, b.id, { kind: 'approve', employerUnitId: null }, null)))
				.code
		).toBe('wrong_status');
	});

	it('refuses an appointment that would break the 80% rule and names the numbers', async () => {
		const { db } = database;
		const before = await countComposition(db, rule);
		for (let i = before.total; i < 4; i++) await addActiveJuror(db, place, 'individual_business');
		const counts = await countComposition(db, rule);
		expect(counts.total).toBe(counts.counted);
		// 4 of 5 is exactly 80%: one deputy fits, a second one does not.
		await addActiveJuror(db, place, 'npc_deputy');
		const { id } = await recordRecommendation(
			db,
			'jury',
			{
				name: '赵六',
				phone: nextPhone(),
				regionId: place.districtId,
				category: 'cppcc_member',
				employerName: null,
				employerUnitId: null,
				recommender: '区政协'
			},
			null
		);
		const error = await refusal(appointJuror(db, id, '2026-01-01', null));
		expect(error.code).toBe('composition_rule');
		expect(error.params).toEqual({
			beforeCounted: counts.counted,
			beforeTotal: counts.total + 1,
			afterCounted: counts.counted,
			afterTotal: counts.total + 2,
			num: 80,
			den: 100
		});
		const [row] = await db.select().from(table.juror).where(eq(table.juror.id, id));
		expect(row.status).toBe('approved');
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		await expect(appointJuror(db, id, '2026-01-01', null)).resolves.toMatchObject({
			endsOn: '2027-12-31'
		});
	});

	it('keeps supervisors on their own roster, outside the composition rule, delegates only', async () => {
		const { db } = database;
		const jury = await countComposition(db, rule);
		await addActiveJuror(db, place, 'npc_deputy', { roster: 'supervisor' });
		await addActiveJuror(db, place, 'party_congress_delegate', { roster: 'supervisor' });
		expect(await countComposition(db, rule)).toEqual(jury);
		const error = await refusal(
			addActiveJuror(db, place, 'enterprise_staff', { roster: 'supervisor' })
		);
		expect(error.code).toBe('supervisor_category');
	});

	it('expires terms after their last day and lists them for renewal 60 days ahead', async () => {
		const { db } = database;
		const id = await addActiveJuror(db, place, 'enterprise_staff', { startsOn: '2024-06-01' });
		// Term ends 2026-05-31.
		expect((await listRenewals(db, '2026-03-31', 60)).map((row) => row.id)).not.toContain(id);
		expect((await listRenewals(db, '2026-04-01', 60)).find((row) => row.id === id)?.endsOn).toBe(
			'2026-05-31'
		);
		expect(await expireDueTerms(db, '2026-05-31')).not.toContain(id);
		expect(await expireDueTerms(db, '2026-06-01')).toContain(id);
		expect(await expireDueTerms(db, '2026-06-01')).toEqual([]);
		const detail = await getJurorDetail(db, id);
		expect(detail?.juror.status).toBe('expired');
		expect(detail?.changes.at(-1)).toMatchObject({
			toStatus: 'expired',
			reason: 'term_ended',
			actorUserId: null
		});
	});

	it('renews a term as a new record linked to the old one, keeping the history', async () => {
		const { db } = database;
		const id = await addActiveJuror(db, place, 'individual_business', { startsOn: '2025-01-01' });
		const early = await refusal(renewTerm(db, id, '2026-10-31', null));
		expect(early).toMatchObject({ code: 'not_due_for_renewal', params: { endsOn: '2026-12-31' } });
		const renewed = await renewTerm(db, id, '2026-11-21', null);
		expect(renewed).toMatchObject({ startsOn: '2027-01-01', endsOn: '2028-12-31' });
		const detail = await getJurorDetail(db, id);
		expect(detail?.terms.map((term) => [term.startsOn, term.endsOn])).toEqual([
			['2025-01-01', '2026-12-31'],
			['2027-01-01', '2028-12-31']
		]);
		expect(detail?.terms[1].renewedFromTermId).toBe(detail?.terms[0].id);
		expect(await expireDueTerms(db, '2027-01-05')).not.toContain(id);
		expect((await refusal(renewTerm(db, id, '2027-01-05', null))).code).toBe('not_due_for_renewal');
	});

	it('lets only one of two simultaneous appointments take the last place the rule allows', async () => {
		const { db } = database;
		const counts = await countComposition(db, rule);
		// Fill up to exactly the share, so that one more non-counted member would break it.
		const room = Math.floor((counts.counted * 100) / 80) - counts.total;
		for (let i = 0; i < room; i++) await addActiveJuror(db, place, 'other');
		const recommend = (name: string) =>
			recordRecommendation(
				db,
				'jury',
				{
					name,
					phone: nextPhone(),
					regionId: place.districtId,
					category: 'cppcc_member',
					employerName: null,
					employerUnitId: null,
					recommender: '区政协'
				},
				null
			);
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		await addActiveJuror(db, place, 'enterprise_staff');
		const [a, b] = await Promise.all([recommend('甲'), recommend('乙')]);
		const results = await Promise.allSettled([
			appointJuror(db, a.id, '2026-01-01', null),
			appointJuror(db, b.id, '2026-01-01', null)
		]);
		expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(meetsShare(await countComposition(db, rule), rule.minShare)).toBe(true);
	});

	it('records withdrawal and dismissal with their reasons', async () => {
		const { db } = database;
		const id = await addActiveJuror(db, place, 'enterprise_staff');
		const staff = await createStaff(db);
		await endMembership(db, id, 'withdrawn', '工作调动离开本市', staff);
		const detail = await getJurorDetail(db, id);
		expect(detail?.changes.at(-1)).toMatchObject({
			fromStatus: 'active',
			toStatus: 'withdrawn',
			reason: '工作调动离开本市',
			actorLabel: staff.label,
			actorUserId: staff.id
		});
		expect((await refusal(endMembership(db, id, 'dismissed', 'x', null))).code).toBe(
			'wrong_status'
		);
	});

	it('reads the rule from the settings row once saved', async () => {
		const { db } = database;
		const settings = {
			rule: { countedCategories: ['enterprise_staff' as const], minShare: { num: 2, den: 3 } },
			terms: { termMonths: 36, renewalNoticeDays: 30 }
		};
		await saveJurySettings(db, settings, null);
		expect(await getJurySettings(db)).toEqual(settings);
		await saveJurySettings(db, defaultJurySettings, null);
		expect(await getJurySettings(db)).toEqual(defaultJurySettings);
	});
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import * as table from '$lib/server/db/schema';
import { createCampaignFromTemplate } from './create';
import { getElectorate } from './electorate';
import { transitionCampaign, TransitionError } from './lifecycle';
import { createUser } from './test-fixtures';

let database: TestDatabase;
let regionId: number;
let unitId: number;
let jurorIds: number[];
let userIds: number[];

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	const [province] = await db
		.insert(table.region)
		.values({ code: '37', name: '山东省', level: 'province' })
		.returning();
	regionId = province.id;
	const [unit] = await db
		.insert(table.unit)
		.values({ code: 'U-1', name: '税务局', kind: 'department', regionId })
		.returning();
	unitId = unit.id;
	userIds = await Promise.all(['甲', '乙', '丙'].map((n) => createUser(db, 'juror', n)));
	const statuses = ['active', 'active', 'withdrawn'] as const;
	const jurors = await db
		.insert(table.juror)
		.values(
			userIds.map((userId, i) => ({
				confirmationNumber: `C-${i}`,
				name: `juror ${i}`,
				phone: `1390000000${i}`,
				regionId,
				category: 'citizen_representative' as const,
				route: 'self_nominated' as const,
				status: statuses[i],
				userId
			}))
		)
		.returning({ id: table.juror.id });
	jurorIds = jurors.map((j) => j.id);
});
afterAll(() => database.dispose());

function newCampaign(
	source: 'jury' | 'panel' | 'named',
	panelDrawId: number | null = null,
	kind: 'satisfaction_survey' | 'unit_evaluation' = 'satisfaction_survey'
) {
	return createCampaignFromTemplate(
		database.db,
		{
			kind,
			title: source,
			regionId,
			electorateSource: source,
			panelDrawId,
			subjects: kind === 'unit_evaluation' ? [{ kind: 'unit' as const, label: '税务局' }] : []
		},
		null
	);
}

describe('the electorate', () => {
	it('is the active jury, taken when the campaign opens', async () => {
		const id = await newCampaign('jury');
		expect(await getElectorate(database.db, id)).toEqual([]);
		await transitionCampaign(database.db, id, 'open', null);
		const members = await getElectorate(database.db, id);
		expect(members.map((m) => m.userId).sort()).toEqual(userIds.slice(0, 2).sort());
	});

	it('votes as the juror tier (监督员) of a campaign that has one, untiered otherwise', async () => {
		const db = database.db;
		const tiersOf = async (id: number) =>
			(
				await db
					.select({ key: table.raterTier.key })
					.from(table.electorate)
					.leftJoin(table.raterTier, eq(table.raterTier.id, table.electorate.tierId))
					.where(eq(table.electorate.campaignId, id))
			).map((row) => row.key);
		const tiered = await newCampaign('jury', null, 'unit_evaluation');
		await transitionCampaign(db, tiered, 'open', null);
		expect(await tiersOf(tiered)).toEqual(['jurors', 'jurors']);
		const untiered = await newCampaign('jury');
		await transitionCampaign(db, untiered, 'open', null);
		expect(await tiersOf(untiered)).toEqual([null, null]);
	});

	it('is the drawn panel when the campaign names a draw', async () => {
		const [draw] = await database.db
			.insert(table.draw)
			.values({
				unitId,
				size: 1,
				shareNum: 80,
				shareDen: 100,
				commitment: 'c',
				eligible: [],
				excluded: { employer: 0, related: 0, recent: 0 }
			})
			.returning({ id: table.draw.id });
		await database.db
			.insert(table.drawMember)
			.values({ drawId: draw.id, jurorId: jurorIds[1], position: 0, stratum: 'counted' });
		const id = await newCampaign('panel', draw.id);
		await transitionCampaign(database.db, id, 'open', null);
		expect((await getElectorate(database.db, id)).map((m) => m.userId)).toEqual([userIds[1]]);
	});

	it('must not be empty for a named list', async () => {
		const id = await newCampaign('named');
		await expect(transitionCampaign(database.db, id, 'open', null)).rejects.toEqual(
			new TransitionError('no_electorate')
		);
		const [row] = await database.db
			.select({ state: table.campaign.state })
			.from(table.campaign)
			.where(eq(table.campaign.id, id));
		expect(row.state).toBe('draft');
	});
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { verifyAuditChain } from '../audit';
import { rowsOf } from '../db/rows';
import * as table from '../db/schema';
import { DEMO_TARGETS, generateDemoProvince } from './generate';
import { DemoSeedRefusedError, isDatabaseEmpty, seedDemoData, type SeedProgress } from './seed';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function countRows(query: ReturnType<typeof sql>): Promise<Record<string, number>> {
	const rows = rowsOf<{ key: string; n: number | string }>(await database.db.execute(query));
	return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}

/** The reference rules the app relies on, as queries that return the offending rows. */
const integrityViolations = sql`
	select 'region ' || r.code as problem from region r left join region p on p.id = r.parent_id
	where (r.level = 'city' and p.level is distinct from 'province')
	   or (r.level = 'district' and p.level is distinct from 'city')
	   or (r.level = 'township' and p.level is distinct from 'district')
	union all
	select 'unit ' || u.code from unit u join region r on r.id = u.region_id
	where r.level not in ('city', 'district')
	union all
	select 'window ' || w.code from unit w left join unit p on p.id = w.parent_unit_id
	where w.kind = 'service_window' and (p.id is null or p.kind = 'service_window' or p.region_id <> w.region_id)
	union all
	select 'cadre ' || c.code from cadre c join unit u on u.id = c.unit_id
	where u.kind = 'service_window'`;

describe('seedDemoData', () => {
	it('sees an empty database before seeding', async () => {
		expect(await isDatabaseEmpty(database.db)).toBe(true);
	});

	it('inserts the whole demo province and reports its progress', async () => {
		const progress: SeedProgress[] = [];
		const result = await seedDemoData(database.db, {
			seed: 2009,
			onProgress: (p) => progress.push(p)
		});
		const levels = await countRows(
			sql`select level as key, count(*) as n from region group by level`
		);
		const kinds = await countRows(
			sql`select kind::text as key, count(*) as n from unit group by kind`
		);
		const [{ n: cadres }] = rowsOf<{ n: number }>(
			await database.db.execute(sql`select count(*)::int as n from cadre`)
		);
		expect(levels).toMatchObject({
			province: 1,
			city: 17,
			district: 12,
			township: result.counts.townships
		});
		expect(kinds.department + kinds.law_enforcement).toBe(DEMO_TARGETS.units);
		expect(kinds.service_window).toBe(DEMO_TARGETS.windows);
		expect(cadres).toBe(DEMO_TARGETS.cadres);
		expect(progress.at(-1)?.step).toBe('audit');
		expect(progress.at(-2)).toMatchObject({ step: 'cadres', done: progress.at(-2)?.total });
		expect(await isDatabaseEmpty(database.db)).toBe(false);
	});

	it('stores exactly what the generator built, codes and references included', async () => {
		const expected = generateDemoProvince(2009);
		const cadre = expected.cadres[123];
		const [stored] = await database.db
			.select({
				name: table.cadre.name,
				unitCode: table.unit.code,
				birthMonth: table.cadre.birthMonth
			})
			.from(table.cadre)
			.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
			.where(eq(table.cadre.code, cadre.code));
		expect(stored).toEqual({
			name: cadre.name,
			unitCode: cadre.unitCode,
			birthMonth: cadre.birthMonth
		});
	});

	it('leaves data that passes the reference integrity rules', async () => {
		expect(rowsOf(await database.db.execute(integrityViolations))).toEqual([]);
	});

	it('records the seeding in the audit trail with its counts', async () => {
		const events = await database.db
			.select()
			.from(table.auditEvent)
			.where(eq(table.auditEvent.action, 'demo.seed'));
		expect(events).toHaveLength(1);
		expect(events[0].details).toMatchObject({ seed: 2009, replaced: false, ...DEMO_TARGETS });
		expect(await verifyAuditChain(database.db)).toBeNull();
	});

	it('refuses to seed a second time and changes nothing', async () => {
		await expect(seedDemoData(database.db, { seed: 5 })).rejects.toThrow(DemoSeedRefusedError);
		await expect(seedDemoData(database.db, { seed: 5 })).rejects.toThrow(/--force/);
		const [{ n }] = rowsOf<{ n: number }>(
			await database.db.execute(sql`select count(*)::int as n from cadre`)
		);
		expect(n).toBe(DEMO_TARGETS.cadres);
	});

	it('replaces the reference data when asked to', async () => {
		const result = await seedDemoData(database.db, { seed: 5, replace: true });
		const expected = generateDemoProvince(5);
		const names = await database.db.select({ name: table.cadre.name }).from(table.cadre);
		expect(result.replaced).toBe(true);
		expect(new Set(names.map((r) => r.name))).toEqual(new Set(expected.cadres.map((c) => c.name)));
		expect(rowsOf(await database.db.execute(integrityViolations))).toEqual([]);
	});

	it('will not replace reference data that other records point at', async () => {
		const [user] = await database.db
			.insert(table.appUser)
			.values({ kind: 'staff', email: 'organizer@minping.test', displayName: '组织者' })
			.returning({ id: table.appUser.id });
		const [city] = await database.db
			.select({ id: table.region.id })
			.from(table.region)
			.where(eq(table.region.code, '990800'));
		await database.db
			.insert(table.roleGrant)
			.values({ userId: user.id, role: 'organizer', regionId: city.id });
		await expect(seedDemoData(database.db, { seed: 6, replace: true })).rejects.toThrow(
			/only deletes regions, units and cadres/
		);
		const [still] = await database.db
			.select({ name: table.cadre.name })
			.from(table.cadre)
			.where(eq(table.cadre.code, 'C-000001'));
		expect(still.name).toBe(generateDemoProvince(5).cadres[0].name);
	});
});

describe('seedDemoData run twice at once', () => {
	let fresh: TestDatabase;
	beforeAll(async () => {
		fresh = await createTestDatabase();
	});
	afterAll(() => fresh.dispose());

	it('lets exactly one of them seed and refuses the other', async () => {
		const outcomes = await Promise.allSettled([
			seedDemoData(fresh.db, { seed: 1 }),
			seedDemoData(fresh.db, { seed: 2 })
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = outcomes.find((o) => o.status === 'rejected');
		expect(refused?.reason).toBeInstanceOf(DemoSeedRefusedError);
		const [{ n }] = rowsOf<{ n: number }>(
			await fresh.db.execute(sql`select count(*)::int as n from cadre`)
		);
		expect(n).toBe(DEMO_TARGETS.cadres);
	});
});

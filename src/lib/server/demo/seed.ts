import { sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit';
import type { Database } from '../db/connect';
import * as table from '../db/schema';
import { deleteDemoTrends } from '../trends/demo-series';
import { countDemoProvince, DEFAULT_DEMO_SEED, generateDemoProvince } from './generate';
import type { DemoProvince } from './types';

type Executor = Pick<Database, 'select' | 'insert' | 'delete' | 'execute'>;

export type SeedStep = 'wipe' | 'regions' | 'units' | 'windows' | 'cadres' | 'audit';

export interface SeedProgress {
	step: SeedStep;
	/** Rows written so far, across all steps. */
	done: number;
	total: number;
}

export interface SeedOptions {
	seed?: number;
	/** Delete the reference data (regions, units, cadres, nothing else) first, in the same transaction. */
	replace?: boolean;
	onProgress?: (progress: SeedProgress) => void;
	actor?: { id: number; label: string } | null;
}

export interface SeedResult {
	seed: number;
	counts: ReturnType<typeof countDemoProvince>;
	replaced: boolean;
}

/** Seeding was refused; the message says why and what to do, for a person at a terminal or a log. */
export class DemoSeedRefusedError extends Error {
	override name = 'DemoSeedRefusedError';
}

// Any constant works: it makes two seeders (say, two terminals) take turns instead of both inserting.
const SEED_LOCK = 7_146_002;
const CADRE_CHUNK = 150;

/** True when no region exists yet: nothing has been seeded or entered. */
export async function isDatabaseEmpty(db: Pick<Database, 'select'>): Promise<boolean> {
	const rows = await db.select({ id: table.region.id }).from(table.region).limit(1);
	return rows.length === 0;
}

/**
 * Writes the demo province in one transaction: all of it or none of it. Refuses a database that
 * already has regions unless `replace` is set, so it never mixes into real reference data.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
	const province = generateDemoProvince(options.seed ?? DEFAULT_DEMO_SEED);
	const counts = countDemoProvince(province);
	const replaced = options.replace ?? false;
	const progress = new ProgressCounter(
		province.regions.length + province.units.length + province.cadres.length,
		options.onProgress
	);
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		if (replaced) {
			progress.report('wipe');
			await wipeReferenceData(tx);
		} else if (!(await isDatabaseEmpty(tx))) {
			throw new DemoSeedRefusedError(
				'minping: the database already has reference data (regions); the demo is only seeded into an empty database. ' +
					'Run `npm run seed:demo -- --force` to replace the regions, units and cadres with the demo.'
			);
		}
		await insertProvince(tx, province, progress);
		progress.report('audit');
		await recordAuditEvent(tx, {
			actor: options.actor ?? null,
			action: 'demo.seed',
			subjectType: 'region',
			subjectId: province.regions[0].code,
			details: { seed: province.seed, replaced, ...counts }
		});
	});
	return { seed: province.seed, counts, replaced };
}

async function insertProvince(tx: Executor, province: DemoProvince, progress: ProgressCounter) {
	const regionIds = new Map<string, number>();
	for (const level of ['province', 'city', 'district', 'township'] as const) {
		const rows = province.regions.filter((r) => r.level === level);
		const inserted = await tx
			.insert(table.region)
			.values(
				rows.map(({ code, name, level, parentCode }) => ({
					code,
					name,
					level,
					parentId: parentCode ? idOf(regionIds, parentCode) : null
				}))
			)
			.returning({ id: table.region.id, code: table.region.code });
		for (const { id, code } of inserted) regionIds.set(code, id);
		progress.add('regions', rows.length);
	}
	// Departments and bodies first: windows need their ids.
	const unitIds = new Map<string, number>();
	for (const windows of [false, true]) {
		const rows = province.units.filter((u) => (u.kind === 'service_window') === windows);
		const inserted = await tx
			.insert(table.unit)
			.values(
				rows.map(({ code, name, kind, regionCode, parentUnitCode }) => ({
					code,
					name,
					kind,
					regionId: idOf(regionIds, regionCode),
					parentUnitId: parentUnitCode ? idOf(unitIds, parentUnitCode) : null
				}))
			)
			.returning({ id: table.unit.id, code: table.unit.code });
		for (const { id, code } of inserted) unitIds.set(code, id);
		progress.add(windows ? 'windows' : 'units', rows.length);
	}
	for (let start = 0; start < province.cadres.length; start += CADRE_CHUNK) {
		const rows = province.cadres.slice(start, start + CADRE_CHUNK);
		await tx
			.insert(table.cadre)
			.values(
				rows.map(({ unitCode, ...cadre }) => ({ ...cadre, unitId: idOf(unitIds, unitCode) }))
			);
		progress.add('cadres', rows.length);
	}
}

/**
 * Deletes cadres, units and regions, and nothing else. When other data (a role grant scoped to a
 * region, a campaign that rated a unit) still points at them, PostgreSQL refuses and so do we:
 * wiping that data too would be far more than "replace the demo".
 */
async function wipeReferenceData(tx: Executor): Promise<void> {
	try {
		await deleteDemoTrends(tx);
		await tx.delete(table.cadre);
		await tx.delete(table.unit);
		await tx.delete(table.region);
	} catch (error) {
		if (findErrorCode(error) !== '23503') throw error;
		throw new DemoSeedRefusedError(
			'minping: cannot replace the reference data: other records (role grants, campaigns, …) refer to these regions, units or cadres. ' +
				'--force only deletes regions, units and cadres; seed the demo into a fresh database instead (another DATA_DIR or DATABASE_URL).'
		);
	}
}

function idOf(ids: Map<string, number>, code: string): number {
	const id = ids.get(code);
	if (id === undefined) throw new Error(`demo data refers to ${code}, which was not inserted`);
	return id;
}

/** The SQLSTATE of a driver error, wherever Drizzle wrapped it. */
function findErrorCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

class ProgressCounter {
	private done = 0;

	constructor(
		private total: number,
		private listener?: (progress: SeedProgress) => void
	) {}

	add(step: SeedStep, rows: number) {
		this.done += rows;
		this.report(step);
	}

	report(step: SeedStep) {
		this.listener?.({ step, done: this.done, total: this.total });
	}
}

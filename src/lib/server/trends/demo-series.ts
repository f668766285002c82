/**
 * DEMO DATA — fictional figures for the fictional province 齐岳省 (990000), so that the dashboards
 * show something on a fresh install. Deterministic (seeded PRNG): every machine gets the same
 * series. The detailed city 济川市 (990800) follows the path the Jining document reports for its
 * credibility of cadre selection: 17th of 17 cities in 2009, 9th in 2010, 4th in 2011 with 84.36.
 * Every row is stored with source document DEMO_SOURCE so that nobody mistakes it for real data.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { recordAuditEvent } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { createPrng, type Prng } from '$lib/server/demo/prng';
import { listIndicators } from './indicators';
import { rankPeerGroup } from './record';

export const DEMO_SOURCE = '演示数据（虚构）/ demo data (fictional)';
export const DEMO_TRENDS_SEED = 20_110_436;
const DETAILED_CITY = '990800';

export interface DemoTrendRow {
	indicatorKey: string;
	regionCode: string;
	year: number;
	value: string;
	rank: number | null;
	peers: number | null;
}

/** Hundredths to a two-decimal string: exact text, no float formatting. */
function hundredths(value: number): string {
	const whole = Math.round(value);
	return `${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

// 济川市's own path (rank of 17, score in hundredths). After 2011 it stays near the top.
const cityPath: Record<number, { rank: number; score: number }> = {
	2009: { rank: 17, score: 7102 },
	2010: { rank: 9, score: 7893 },
	2011: { rank: 4, score: 8436 }
};

/**
 * Credibility for all cities. Each other city has a persistent strength (a random walk) that
 * orders it among the others; each year the strongest `rank - 1` are placed above the detailed
 * city's score and the rest below, which fixes its rank by construction and keeps the other
 * cities' ranks from jumping about at random.
 */
function cityCredibility(prng: Prng, cityCodes: string[], years: number[]): DemoTrendRow[] {
	const others = cityCodes.filter((code) => code !== DETAILED_CITY);
	const strength = new Map(others.map((code) => [code, prng.int(0, 1000)]));
	const rows: DemoTrendRow[] = [];
	for (const year of years) {
		for (const code of others) strength.set(code, (strength.get(code) ?? 0) + prng.int(-150, 150));
		const path = cityPath[year] ?? {
			rank: prng.int(2, 6),
			score: Math.min(9500, 8436 + (year - 2011) * prng.int(40, 70))
		};
		const ordered = [...others].sort((a, b) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0));
		const above = ordered.slice(0, path.rank - 1);
		const below = ordered.slice(path.rank - 1);
		// Gaps of at least 15 hundredths and steps of at least 40: no ties, strictly ordered.
		const scores = new Map<string, number>([[DETAILED_CITY, path.score]]);
		let score = path.score + 15;
		for (const code of [...above].reverse()) {
			scores.set(code, score);
			score += prng.int(40, 90);
		}
		score = path.score - 15;
		for (const code of below) {
			scores.set(code, score);
			score -= prng.int(40, 120);
		}
		const peers = others.length + 1;
		[...scores.entries()]
			.sort((a, b) => b[1] - a[1])
			.forEach(([code, value], index) => {
				rows.push({
					indicatorKey: 'credibility',
					regionCode: code,
					year,
					value: hundredths(value),
					rank: index + 1,
					peers
				});
			});
	}
	return rows;
}

/** A gently rising random walk per region, in hundredths, capped below 100. */
function walk(prng: Prng, start: [number, number], years: number[], step: [number, number]) {
	let level = prng.int(start[0], start[1]);
	return years.map(() => {
		level = Math.min(9960, level + prng.int(step[0], step[1]));
		return level;
	});
}

const districtIndicators: { key: string; start: [number, number]; step: [number, number] }[] = [
	{ key: 'credibility', start: [7600, 8400], step: [-90, 160] },
	{ key: 'org_work_satisfaction', start: [8300, 9000], step: [-60, 120] },
	{ key: 'malpractice_rectification_satisfaction', start: [8800, 9500], step: [-40, 80] },
	{ key: 'selection_work_satisfaction', start: [9000, 9600], step: [-30, 60] }
];

/** Every demo row, for the given city and district codes (as the demo province has them). */
export function generateDemoTrendRows(
	cityCodes: string[],
	districtCodes: string[],
	seed = DEMO_TRENDS_SEED
): DemoTrendRow[] {
	const prng = createPrng(seed);
	const range = (from: number, to: number) =>
		Array.from({ length: to - from + 1 }, (_, i) => from + i);
	const rows = cityCredibility(prng, [...cityCodes].sort(), range(2009, 2025));
	const years = range(2012, 2025);
	for (const indicator of districtIndicators) {
		for (const code of [...districtCodes].sort()) {
			walk(prng, indicator.start, years, indicator.step).forEach((value, i) => {
				const year = years[i];
				// Districts get no official rank: it is computed among the city's districts.
				rows.push({
					indicatorKey: indicator.key,
					regionCode: code,
					year,
					value: hundredths(value),
					rank: null,
					peers: null
				});
			});
		}
	}
	return rows;
}

/**
 * Writes the demo series into a database that holds the demo province. Skips (returns 0) when
 * demo trend rows already exist or the province is missing, so it is safe to call on every start.
 */
export async function seedDemoTrends(db: Database): Promise<{ written: number }> {
	return db.transaction(async (tx) => {
		const existing = await tx
			.select({ id: table.indicatorValue.id })
			.from(table.indicatorValue)
			.where(eq(table.indicatorValue.sourceDocument, DEMO_SOURCE))
			.limit(1);
		if (existing.length > 0) return { written: 0 };
		const regions = await tx
			.select({
				id: table.region.id,
				code: table.region.code,
				level: table.region.level,
				parentId: table.region.parentId
			})
			.from(table.region)
			.where(
				and(inArray(table.region.level, ['city', 'district']), isNull(table.region.archivedAt))
			);
		const cities = regions.filter((r) => r.level === 'city' && r.code.startsWith('99'));
		const districts = regions.filter(
			(r) => r.level === 'district' && r.code.startsWith(DETAILED_CITY.slice(0, 4))
		);
		if (!cities.some((c) => c.code === DETAILED_CITY)) return { written: 0 };
		const rows = generateDemoTrendRows(
			cities.map((c) => c.code),
			districts.map((d) => d.code)
		);
		const indicators = new Map((await listIndicators(tx)).map((i) => [i.key, i.id]));
		const ids = new Map(regions.map((r) => [r.code, r.id]));
		const [batch] = await tx
			.insert(table.importBatch)
			.values({
				fileName: 'demo-series',
				rowCount: rows.length,
				status: 'confirmed',
				rows: [],
				confirmedAt: new Date()
			})
			.returning({ id: table.importBatch.id });
		for (let start = 0; start < rows.length; start += 500) {
			await tx.insert(table.indicatorValue).values(
				rows.slice(start, start + 500).map((row) => ({
					indicatorId: indicators.get(row.indicatorKey) as number,
					regionId: ids.get(row.regionCode) as number,
					period: String(row.year),
					year: row.year,
					value: row.value,
					rank: row.rank,
					peers: row.peers,
					source: 'imported' as const,
					sourceDocument: DEMO_SOURCE,
					importBatchId: batch.id
				}))
			);
		}
		const cityId = ids.get(DETAILED_CITY) as number;
		for (const indicator of districtIndicators) {
			for (let year = 2012; year <= 2025; year++) {
				const indicatorId = indicators.get(indicator.key) as number;
				await rankPeerGroup(tx, {
					indicatorId,
					parentId: cityId,
					period: String(year),
					source: 'imported'
				});
			}
		}
		await recordAuditEvent(tx, {
			actor: null,
			action: 'trends.demo_seed',
			subjectType: 'import_batch',
			subjectId: batch.id,
			details: { rows: rows.length, source: DEMO_SOURCE }
		});
		return { written: rows.length };
	});
}

/**
 * Removes the demo figures (and only them), so `seed:demo --force` can replace the demo regions
 * they point at. Officially imported or computed values are left alone.
 */
export async function deleteDemoTrends(tx: Pick<Database, 'delete'>): Promise<void> {
	await tx.delete(table.indicatorValue).where(eq(table.indicatorValue.sourceDocument, DEMO_SOURCE));
}

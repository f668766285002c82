import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	countDemoProvince,
	DEMO_TARGETS,
	generateDemoProvince,
	type DemoProvince
} from './generate';

const standard = generateDemoProvince(2009);
const anySeed = fc.integer({ min: 0, max: 2 ** 40 });
const seeds = { numRuns: 25 };

function findDuplicates(values: string[]): string[] {
	const seen = new Set<string>();
	return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

describe('generateDemoProvince', () => {
	it('builds the same province from the same seed', () => {
		expect(generateDemoProvince(2009)).toEqual(standard);
		expect(JSON.stringify(generateDemoProvince(77))).toBe(JSON.stringify(generateDemoProvince(77)));
	});

	it('builds a different province from a different seed', () => {
		const other = generateDemoProvince(2010);
		expect(other.cadres.map((c) => c.name)).not.toEqual(standard.cadres.map((c) => c.name));
		expect(other.regions.map((r) => r.name)).not.toEqual(standard.regions.map((r) => r.name));
	});

	it('always has 17 cities, 12 districts, 60 units, 120 windows and 600 cadres', () => {
		fc.assert(
			fc.property(anySeed, (seed) => {
				const counts = countDemoProvince(generateDemoProvince(seed));
				expect(counts).toMatchObject(DEMO_TARGETS);
				expect(counts.townships).toBeGreaterThanOrEqual(12 * 4);
				expect(counts.townships).toBeLessThanOrEqual(12 * 9);
			}),
			seeds
		);
	});

	it('resolves every reference and keeps every code unique', () => {
		fc.assert(
			fc.property(anySeed, (seed) => {
				const province = generateDemoProvince(seed);
				expect(findReferenceProblems(province)).toEqual([]);
			}),
			seeds
		);
	});

	it('keeps names unique where people would confuse them', () => {
		fc.assert(
			fc.property(anySeed, (seed) => {
				const { regions, units, cadres } = generateDemoProvince(seed);
				expect(findDuplicates(regions.map((r) => `${r.parentCode}/${r.name}`))).toEqual([]);
				expect(
					findDuplicates(regions.filter((r) => r.level === 'township').map((r) => r.name))
				).toEqual([]);
				expect(findDuplicates(units.map((u) => u.name))).toEqual([]);
				expect(findDuplicates(cadres.map((c) => c.name))).toEqual([]);
			}),
			seeds
		);
	});

	it('uses six-digit region codes under the fictional prefix 99, and nine digits for townships', () => {
		for (const region of standard.regions) {
			const digits = region.level === 'township' ? 9 : 6;
			expect(region.code).toMatch(new RegExp(`^99\\d{${digits - 2}}$`));
			if (region.parentCode)
				expect(region.code.startsWith(region.parentCode.replace(/0+$/, ''))).toBe(true);
		}
		expect(standard.regions.find((r) => r.code === '990800')?.name).toBe('济川市');
	});

	it('gives readable unit and cadre codes', () => {
		expect(standard.units.every((u) => /^U-\d{6}-\d{3}$/.test(u.code))).toBe(true);
		expect(standard.units.every((u) => u.code.startsWith(`U-${u.regionCode}-`))).toBe(true);
		expect(standard.cadres.map((c) => c.code).slice(0, 2)).toEqual(['C-000001', 'C-000002']);
		expect(standard.cadres.at(-1)?.code).toBe('C-000600');
	});

	it('gives cadres levels, ages and dates that fit their posts', () => {
		fc.assert(
			fc.property(anySeed, (seed) => {
				const { units, cadres } = generateDemoProvince(seed);
				const regionOf = new Map(units.map((u) => [u.code, u.regionCode]));
				for (const cadre of cadres) {
					const cityUnit = regionOf.get(cadre.unitCode) === '990800';
					const leader = /^(常务)?副?(局长|部长|主任|支队长)$/.test(cadre.position);
					expect(cadre.level).toBe(cityUnit && leader ? 'county' : 'section');
					expect(cadre.midLevel).toBe(
						cityUnit && /(科|室|部)(副)?(科长|主任)$/.test(cadre.position)
					);
					const born = Number(cadre.birthMonth.slice(0, 4));
					const appointed = Number(cadre.appointedOn.slice(0, 4));
					expect(2025 - born).toBeGreaterThanOrEqual(26);
					expect(2025 - born).toBeLessThanOrEqual(59);
					expect(appointed - born).toBeGreaterThanOrEqual(25);
					expect(cadre.appointedOn <= '2025-12-31').toBe(true);
				}
			}),
			seeds
		);
	});

	it('gives every city department a leader and its mid-level office heads', () => {
		const cityDepartments = standard.units.filter(
			(u) => u.regionCode === '990800' && !u.parentUnitCode
		);
		for (const unit of cityDepartments) {
			const staff = standard.cadres.filter((c) => c.unitCode === unit.code);
			expect(staff.filter((c) => c.level === 'county').length).toBeGreaterThanOrEqual(2);
			expect(staff.filter((c) => c.midLevel).length).toBeGreaterThanOrEqual(2);
		}
		// Every unit with leaders has exactly one principal leader, a leader and never an office head.
		for (const unit of standard.units) {
			const heads = standard.cadres.filter((c) => c.unitCode === unit.code && c.headsUnit);
			const leaders = standard.cadres.filter(
				(c) => c.unitCode === unit.code && /^(常务)?副?(局长|部长|主任|支队长)$/.test(c.position)
			);
			expect(heads.length).toBe(leaders.length > 0 ? 1 : 0);
			for (const head of heads) expect(head.midLevel).toBe(false);
		}
		expect(standard.cadres.filter((c) => c.position === '干部监督室主任')).toHaveLength(1);
	});
});

/** Every dangling reference or misplaced level, as readable strings; empty when all is well. */
function findReferenceProblems({ regions, units, cadres }: DemoProvince): string[] {
	const problems: string[] = [];
	const regionByCode = new Map(regions.map((r) => [r.code, r]));
	const unitByCode = new Map(units.map((u) => [u.code, u]));
	const parentLevel = { province: null, city: 'province', district: 'city', township: 'district' };
	for (const dup of findDuplicates([...regions.map((r) => r.code), ...units.map((u) => u.code)])) {
		problems.push(`duplicate code ${dup}`);
	}
	for (const dup of findDuplicates(cadres.map((c) => c.code)))
		problems.push(`duplicate code ${dup}`);
	for (const region of regions) {
		const parent = region.parentCode ? regionByCode.get(region.parentCode) : null;
		if ((parent?.level ?? null) !== parentLevel[region.level]) {
			problems.push(`${region.code} (${region.level}) has parent ${region.parentCode}`);
		}
	}
	for (const unit of units) {
		const region = regionByCode.get(unit.regionCode);
		if (!region || (region.level !== 'city' && region.level !== 'district')) {
			problems.push(`${unit.code} sits in ${unit.regionCode}`);
		}
		const parent = unit.parentUnitCode ? unitByCode.get(unit.parentUnitCode) : null;
		if ((unit.kind === 'service_window') !== Boolean(parent && parent.kind !== 'service_window')) {
			problems.push(`${unit.code} (${unit.kind}) has parent unit ${unit.parentUnitCode}`);
		}
		if (parent && parent.regionCode !== unit.regionCode)
			problems.push(`${unit.code} left its region`);
	}
	for (const cadre of cadres) {
		const unit = unitByCode.get(cadre.unitCode);
		if (!unit || unit.kind === 'service_window')
			problems.push(`${cadre.code} works at ${cadre.unitCode}`);
	}
	return problems;
}

import { generateCadres } from './cadres';
import { createPrng } from './prng';
import { generateRegions } from './regions';
import type { DemoProvince } from './types';
import { generateUnits } from './units';

export { DEMO_AS_OF, DEMO_TARGETS } from './types';
export type { DemoCadre, DemoProvince, DemoRegion, DemoUnit } from './types';

/** The seed `npm run seed:demo` and first-start seeding use unless told otherwise (Jining's year). */
export const DEFAULT_DEMO_SEED = 2009;

/**
 * Builds the fictional demo province from a seed: 17 cities, one of them (济川市, 990800) in full
 * with 12 districts and their townships, 60 units, 120 service windows and 600 cadres. Pure: the
 * same seed gives the same province, byte for byte.
 */
export function generateDemoProvince(seed: number = DEFAULT_DEMO_SEED): DemoProvince {
	const prng = createPrng(seed);
	const { regions, districts } = generateRegions(prng);
	const { units, placed } = generateUnits(prng, districts);
	const cadres = generateCadres(prng, placed);
	return { seed, regions, units, cadres };
}

/** Counts for logs, progress and the audit record. */
export function countDemoProvince(province: DemoProvince) {
	const count = <T>(rows: T[], keep: (row: T) => boolean) => rows.filter(keep).length;
	return {
		cities: count(province.regions, (r) => r.level === 'city'),
		districts: count(province.regions, (r) => r.level === 'district'),
		townships: count(province.regions, (r) => r.level === 'township'),
		units: count(province.units, (u) => u.kind !== 'service_window'),
		windows: count(province.units, (u) => u.kind === 'service_window'),
		cadres: province.cadres.length
	};
}

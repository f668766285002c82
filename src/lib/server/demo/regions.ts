import {
	CITY_NAMES,
	DETAILED_CITY,
	DISTRICT_NAMES,
	PROVINCE,
	SUBDISTRICT_NAMES,
	VILLAGE_HEADS,
	VILLAGE_TAILS
} from './names';
import type { Prng } from './prng';
import { DEMO_TARGETS, type DemoRegion } from './types';

export type DistrictType = 'district' | 'county' | 'countyCity';

/** A district-level region of the detailed city, with what the unit generator needs to name units. */
export interface DistrictInfo {
	code: string;
	name: string;
	short: string;
	type: DistrictType;
}

// How many of each kind the detailed city has, and the code numbers they take, as in real codes:
// urban districts 11.., counties 26.., county-level cities 81...
const DISTRICT_PLAN: { type: DistrictType; count: number; firstNumber: number; suffix: string }[] =
	[
		{ type: 'district', count: 3, firstNumber: 11, suffix: '区' },
		{ type: 'county', count: 7, firstNumber: 26, suffix: '县' },
		{ type: 'countyCity', count: 2, firstNumber: 81, suffix: '市' }
	];

// Sub-districts (街道) are urban, towns (镇) and townships (乡) rural; codes 001.., 100.., 200...
const TOWNSHIP_MIX: Record<
	DistrictType,
	{ streets: [number, number]; towns: [number, number]; rural: [number, number] }
> = {
	district: { streets: [4, 6], towns: [0, 2], rural: [0, 0] },
	county: { streets: [1, 2], towns: [3, 5], rural: [0, 2] },
	countyCity: { streets: [3, 4], towns: [2, 4], rural: [0, 0] }
};

export function generateRegions(prng: Prng): { regions: DemoRegion[]; districts: DistrictInfo[] } {
	const regions: DemoRegion[] = [{ ...PROVINCE, level: 'province', parentCode: null }];
	const cityNames = prng.shuffle(CITY_NAMES);
	for (let n = 1; n <= DEMO_TARGETS.cities; n++) {
		const code = `99${String(n).padStart(2, '0')}00`;
		const name = code === DETAILED_CITY.code ? DETAILED_CITY.name : `${cityNames.pop()}市`;
		regions.push({ code, name, level: 'city', parentCode: PROVINCE.code });
	}
	const districts = pickDistricts(prng);
	const townships = new TownshipNamer(prng);
	for (const district of districts) {
		regions.push({
			code: district.code,
			name: district.name,
			level: 'district',
			parentCode: DETAILED_CITY.code
		});
		regions.push(...townships.forDistrict(district));
	}
	return { regions, districts };
}

function pickDistricts(prng: Prng): DistrictInfo[] {
	return DISTRICT_PLAN.flatMap(({ type, count, firstNumber, suffix }) =>
		prng
			.shuffle(DISTRICT_NAMES[type])
			.slice(0, count)
			.map((short, i) => ({
				code: `${DETAILED_CITY.code.slice(0, 4)}${firstNumber + i}`,
				name: `${short}${suffix}`,
				short,
				type
			}))
	);
}

/** Hands out township names so that no two townships of the city share one. */
class TownshipNamer {
	private streetNames: string[];
	private used = new Set<string>();

	constructor(private prng: Prng) {
		this.streetNames = prng.shuffle(SUBDISTRICT_NAMES);
	}

	forDistrict(district: DistrictInfo): DemoRegion[] {
		const mix = TOWNSHIP_MIX[district.type];
		const streets = this.prng.int(...mix.streets);
		const towns = this.prng.int(...mix.towns);
		const rural = this.prng.int(...mix.rural);
		const rows: DemoRegion[] = [];
		const add = (number: number, name: string) =>
			rows.push({
				code: `${district.code}${String(number).padStart(3, '0')}`,
				name,
				level: 'township',
				parentCode: district.code
			});
		for (let i = 0; i < streets; i++) {
			// A county's seat is usually a sub-district named after the county itself.
			const base = i === 0 && district.type !== 'district' ? district.short : this.nextStreet();
			add(1 + i, this.claim(`${base}街道`));
		}
		for (let i = 0; i < towns; i++) add(100 + i, this.claim(`${this.nextVillage()}镇`));
		for (let i = 0; i < rural; i++) add(200 + i, this.claim(`${this.nextVillage()}乡`));
		return rows;
	}

	private nextStreet(): string {
		const name = this.streetNames.pop();
		if (!name) throw new Error('the demo ran out of sub-district names; extend SUBDISTRICT_NAMES');
		return name;
	}

	private nextVillage(): string {
		for (;;) {
			const name = this.prng.pick(VILLAGE_HEADS) + this.prng.pick(VILLAGE_TAILS);
			if (!this.used.has(`${name}镇`) && !this.used.has(`${name}乡`)) return name;
		}
	}

	private claim(name: string): string {
		if (this.used.has(name)) throw new Error(`duplicate township name ${name}`);
		this.used.add(name);
		return name;
	}
}

/**
 * A small region tree shaped like the demo province, for the trends database tests: 齐岳省 with
 * 17 cities, and four districts under 济川市 (990800). Faster than seeding the whole demo.
 */
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';

export interface RegionTree {
	province: number;
	/** 济川市 */
	city: number;
	/** All 17 cities' ids in code order. */
	cities: number[];
	districts: number[];
	districtCodes: string[];
}

export async function createRegionTree(db: Database): Promise<RegionTree> {
	const [province] = await db
		.insert(table.region)
		.values({ code: '990000', name: '齐岳省', level: 'province' })
		.returning({ id: table.region.id });
	const cityRows = Array.from({ length: 17 }, (_, i) => {
		const code = `99${String(i + 1).padStart(2, '0')}00`;
		return {
			code,
			name: code === '990800' ? '济川市' : `城市${i + 1}`,
			level: 'city' as const,
			parentId: province.id
		};
	});
	const cities = await db
		.insert(table.region)
		.values(cityRows)
		.returning({ id: table.region.id, code: table.region.code });
	const city = cities.find((c) => c.code === '990800') as { id: number };
	const districtCodes = ['990811', '990812', '990826', '990881'];
	const districts = await db
		.insert(table.region)
		.values(
			districtCodes.map((code, i) => ({
				code,
				name: `区县${i + 1}`,
				level: 'district' as const,
				parentId: city.id
			}))
		)
		.returning({ id: table.region.id });
	return {
		province: province.id,
		city: city.id,
		cities: cities.map((c) => c.id),
		districts: districts.map((d) => d.id),
		districtCodes
	};
}

export async function createStaff(
	db: Database,
	email: string
): Promise<{ id: number; label: string }> {
	const [user] = await db
		.insert(table.appUser)
		.values({ kind: 'staff', email, displayName: email })
		.returning({ id: table.appUser.id });
	return { id: user.id, label: email };
}

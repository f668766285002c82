/** Reference rows and jurors for the jury's database tests (never imported by the app). */
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { JurorCategory } from '$lib/server/db/schema';
import { recordRecommendation } from './applications';
import { appointJuror } from './terms';

/** A staff account to act as, so actor ids satisfy their foreign keys. */
export async function createStaff(db: Database): Promise<{ id: number; label: string }> {
	const email = `staff${++phoneCounter}@jury.test`;
	const [row] = await db
		.insert(table.appUser)
		.values({ kind: 'staff', email, displayName: 'Staff' })
		.returning({ id: table.appUser.id });
	return { id: row.id, label: email };
}

export interface Place {
	districtId: number;
	unitId: number;
	windowId: number;
	otherUnitId: number;
}

export async function createPlace(db: Database): Promise<Place> {
	const [province] = await db
		.insert(table.region)
		.values({ code: '37', name: '山东省', level: 'province' })
		.returning();
	const [city] = await db
		.insert(table.region)
		.values({ code: '3708', name: '济宁市', level: 'city', parentId: province.id })
		.returning();
	const [district] = await db
		.insert(table.region)
		.values({ code: '370811', name: '任城区', level: 'district', parentId: city.id })
		.returning();
	const [unit, otherUnit] = await db
		.insert(table.unit)
		.values([
			{ code: 'U-TAX', name: '税务局', kind: 'department', regionId: district.id },
			{ code: 'U-POL', name: '公安局', kind: 'law_enforcement', regionId: district.id }
		])
		.returning();
	const [window] = await db
		.insert(table.unit)
		.values({
			code: 'U-TAX-W1',
			name: '税务局办税窗口',
			kind: 'service_window',
			regionId: district.id,
			parentUnitId: unit.id
		})
		.returning();
	return {
		districtId: district.id,
		unitId: unit.id,
		windowId: window.id,
		otherUnitId: otherUnit.id
	};
}

let phoneCounter = 0;

/** A unique, valid mobile number per call. */
export function nextPhone(): string {
	phoneCounter += 1;
	return `139${String(phoneCounter).padStart(8, '0')}`;
}

/** Recommends and appoints one juror; returns its id. */
export async function addActiveJuror(
	db: Database,
	place: Place,
	category: JurorCategory,
	options: {
		startsOn?: string;
		employerUnitId?: number | null;
		roster?: 'jury' | 'supervisor';
	} = {}
): Promise<number> {
	const { id } = await recordRecommendation(
		db,
		options.roster ?? 'jury',
		{
			name: `评议员${phoneCounter + 1}`,
			phone: nextPhone(),
			regionId: place.districtId,
			category,
			employerName: null,
			employerUnitId: options.employerUnitId ?? null,
			recommender: '市工商联'
		},
		null
	);
	await appointJuror(db, id, options.startsOn ?? '2026-01-01', null);
	return id;
}

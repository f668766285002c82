import {
	CITY_UNITS,
	DISTRICT_UNITS_EVERYWHERE,
	DISTRICT_UNITS_SOMETIMES,
	type UnitTemplate
} from './catalogue';
import { DETAILED_CITY } from './names';
import type { Prng } from './prng';
import type { DistrictInfo } from './regions';
import { DEMO_TARGETS, type DemoUnit } from './types';

/** A department or body with the template it came from, which the cadre generator staffs. */
export interface PlacedUnit {
	unit: DemoUnit;
	template: UnitTemplate;
	/** City units are county-level bodies; district ones are section-level. */
	tier: 'city' | 'district';
}

export function generateUnits(
	prng: Prng,
	districts: DistrictInfo[]
): { units: DemoUnit[]; placed: PlacedUnit[] } {
	const codes = new UnitCodes();
	const placed: PlacedUnit[] = [
		...CITY_UNITS.map((template) => place(codes, template, 'city', DETAILED_CITY.code, null)),
		...drawDistrictUnits(prng, districts).map(({ template, district }) =>
			place(codes, template, 'district', district.code, district)
		)
	];
	const windows = drawWindows(prng, placed).map(({ owner, name }) => ({
		code: codes.next(owner.unit.regionCode),
		name: `${owner.unit.name}${name}`,
		kind: 'service_window' as const,
		regionCode: owner.unit.regionCode,
		parentUnitCode: owner.unit.code
	}));
	return { units: [...placed.map((p) => p.unit), ...windows], placed };
}

function place(
	codes: UnitCodes,
	template: UnitTemplate,
	tier: PlacedUnit['tier'],
	regionCode: string,
	district: DistrictInfo | null
): PlacedUnit {
	const pattern =
		district?.type === 'district' && template.urbanName ? template.urbanName : template.name;
	const name = pattern
		.replace('{c}', DETAILED_CITY.name)
		.replace('{d}', district?.name ?? '')
		.replace('{s}', district?.short ?? '');
	const unit: DemoUnit = {
		code: codes.next(regionCode),
		name,
		kind: template.kind,
		regionCode,
		parentUnitCode: null
	};
	return { unit, template, tier };
}

/** Every district gets the units it always has, then a seeded draw fills up to the unit count. */
function drawDistrictUnits(prng: Prng, districts: DistrictInfo[]) {
	const always = districts.flatMap((district) =>
		DISTRICT_UNITS_EVERYWHERE.map((template) => ({ template, district }))
	);
	const candidates = districts.flatMap((district) =>
		DISTRICT_UNITS_SOMETIMES.map((template) => ({ template, district }))
	);
	const wanted = DEMO_TARGETS.units - CITY_UNITS.length - always.length;
	const drawn = new Set(prng.shuffle(candidates).slice(0, wanted));
	if (wanted < 0 || drawn.size !== wanted)
		throw new Error('the unit catalogue cannot make the unit count');
	// Back in a readable order: district by district, templates in catalogue order.
	return [...always, ...candidates.filter((c) => drawn.has(c))].sort(
		(a, b) => districts.indexOf(a.district) - districts.indexOf(b.district)
	);
}

/** All core windows, plus optional ones drawn by seed until the window count is reached. */
function drawWindows(prng: Prng, placed: PlacedUnit[]) {
	const all = placed.flatMap((owner) => [
		...owner.template.windows.core.map((name) => ({ owner, name, core: true })),
		...owner.template.windows.optional.map((name) => ({ owner, name, core: false }))
	]);
	const core = all.filter((w) => w.core);
	const wanted = DEMO_TARGETS.windows - core.length;
	const optional = prng.shuffle(all.filter((w) => !w.core)).slice(0, wanted);
	if (wanted < 0 || optional.length !== wanted) {
		throw new Error('the unit catalogue cannot make the window count');
	}
	const chosen = new Set([...core, ...optional]);
	return all.filter((w) => chosen.has(w));
}

/** Readable, stable unit codes: U-<region code>-<number within the region>. */
class UnitCodes {
	private counters = new Map<string, number>();

	next(regionCode: string): string {
		const n = (this.counters.get(regionCode) ?? 0) + 1;
		this.counters.set(regionCode, n);
		return `U-${regionCode}-${String(n).padStart(3, '0')}`;
	}
}

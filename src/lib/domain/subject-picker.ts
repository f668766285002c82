/**
 * Narrowing and bulk selection for the new-campaign subject pickers (units, windows, cadres).
 * Pure and client-safe: the page filters the loaded lists with it as the user types, and the
 * server's filter action applies the same functions for browsers without JavaScript.
 */

export interface PickerRegion {
	id: number;
	parentId: number | null;
}

export interface PickerUnit {
	id: number;
	name: string;
	code: string;
	kind: 'department' | 'law_enforcement' | 'service_window';
	regionId: number;
	/** A service window's own unit ("市税务局" for its 办税服务厅), so searching a unit finds its windows. */
	parentName: string | null;
}

export interface PickerCadre {
	id: number;
	name: string;
	code: string;
	unitId: number;
	unit: string;
	position: string;
	midLevel: boolean;
	regionId: number;
}

export type UnitKindFilter = '' | 'unit' | 'window';

export interface PickerFilter {
	unitQuery: string;
	unitKind: UnitKindFilter;
	cadreQuery: string;
	cadreUnitId: number | null;
	midLevelOnly: boolean;
}

export const emptyPickerFilter: PickerFilter = {
	unitQuery: '',
	unitKind: '',
	cadreQuery: '',
	cadreUnitId: null,
	midLevelOnly: false
};

type Form = { get(name: string): unknown };

/** The filter fields of a posted form; anything unreadable counts as "no filter". */
export function parsePickerFilter(form: Form): PickerFilter {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.trim().slice(0, 100) : '';
	};
	const kind = text('unitKind');
	const unitId = Number(text('cadreUnitId'));
	return {
		unitQuery: text('unitQuery'),
		unitKind: kind === 'unit' || kind === 'window' ? kind : '',
		cadreQuery: text('cadreQuery'),
		cadreUnitId: Number.isSafeInteger(unitId) && unitId > 0 ? unitId : null,
		midLevelOnly: form.get('midLevelOnly') === 'on'
	};
}

/**
 * The region and every region below it, or null (no limit) when no region is chosen. The loaded
 * regions are the organizer's scope, which already holds everything below each granted region.
 */
export function regionsWithin(
	regions: readonly PickerRegion[],
	rootId: number | null
): Set<number> | null {
	if (rootId === null) return null;
	const children = new Map<number, number[]>();
	for (const r of regions) {
		if (r.parentId === null) continue;
		children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
	}
	const within = new Set<number>([rootId]);
	const queue = [rootId];
	while (queue.length > 0) {
		for (const child of children.get(queue.pop() as number) ?? []) {
			if (!within.has(child)) {
				within.add(child);
				queue.push(child);
			}
		}
	}
	return within;
}

/** Lower-case, full-width folded (NFKC) words of a typed search. */
export function searchTerms(query: string): string[] {
	return query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every word appears in at least one of the fields (so "税务 主任" finds 税务局's 办公室主任). */
export function matchesTerms(
	terms: readonly string[],
	fields: readonly (string | null)[]
): boolean {
	if (terms.length === 0) return true;
	const haystack = fields
		.filter((f): f is string => f !== null)
		.map((f) => f.normalize('NFKC').toLowerCase());
	return terms.every((term) => haystack.some((field) => field.includes(term)));
}

export function filterUnits(
	units: readonly PickerUnit[],
	filter: Pick<PickerFilter, 'unitQuery' | 'unitKind'>,
	within: Set<number> | null
): PickerUnit[] {
	const terms = searchTerms(filter.unitQuery);
	return units.filter(
		(u) =>
			(within === null || within.has(u.regionId)) &&
			(filter.unitKind === '' ||
				(u.kind === 'service_window') === (filter.unitKind === 'window')) &&
			matchesTerms(terms, [u.name, u.code, u.parentName])
	);
}

export function filterCadres(
	cadres: readonly PickerCadre[],
	filter: Pick<PickerFilter, 'cadreQuery' | 'cadreUnitId' | 'midLevelOnly'>,
	within: Set<number> | null
): PickerCadre[] {
	const terms = searchTerms(filter.cadreQuery);
	return cadres.filter(
		(c) =>
			(within === null || within.has(c.regionId)) &&
			(filter.cadreUnitId === null || c.unitId === filter.cadreUnitId) &&
			(!filter.midLevelOnly || c.midLevel) &&
			matchesTerms(terms, [c.name, c.code, c.position, c.unit])
	);
}

/** The units that have cadres in the region, in first-seen order: the cadre picker's unit filter. */
export function unitsOfCadres(
	cadres: readonly PickerCadre[],
	within: Set<number> | null
): { id: number; name: string }[] {
	const units = new Map<number, string>();
	for (const c of cadres) {
		if ((within === null || within.has(c.regionId)) && !units.has(c.unitId))
			units.set(c.unitId, c.unit);
	}
	return [...units].map(([id, name]) => ({ id, name }));
}

/** The selection plus everything shown, keeping the order of what was selected first. */
export function selectShown(
	selected: readonly number[],
	shown: readonly { id: number }[]
): number[] {
	const result = [...new Set(selected)];
	const have = new Set(result);
	for (const { id } of shown) if (!have.has(id)) result.push(id);
	return result;
}

/**
 * The campaign region the lists are narrowed to: the chosen one, or, when a region is required
 * and none was sent, the first one (the browser shows a required select's first option chosen).
 */
export function pickerRegionId(
	regionText: string,
	regions: readonly { id: number }[],
	regionRequired: boolean
): number | null {
	const id = Number(regionText);
	if (regionText !== '' && regions.some((r) => r.id === id)) return id;
	return regionRequired ? (regions[0]?.id ?? null) : null;
}

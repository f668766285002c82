import { describe, expect, it } from 'vitest';
import {
	emptyPickerFilter,
	filterCadres,
	filterUnits,
	matchesTerms,
	parsePickerFilter,
	pickerRegionId,
	regionsWithin,
	selectShown,
	unitsOfCadres,
	type PickerCadre,
	type PickerUnit
} from './subject-picker';

// A city (1) with two districts (2, 3); district 2 has a township (4). Another city (5).
const regions = [
	{ id: 1, parentId: null },
	{ id: 2, parentId: 1 },
	{ id: 3, parentId: 1 },
	{ id: 4, parentId: 2 },
	{ id: 5, parentId: null }
];

const units: PickerUnit[] = [
	{ id: 10, name: '市税务局', code: 'U-TAX', kind: 'department', regionId: 1, parentName: null },
	{
		id: 11,
		name: '办税服务厅',
		code: 'W-TAX',
		kind: 'service_window',
		regionId: 1,
		parentName: '市税务局'
	},
	{ id: 20, name: '东区医保局', code: 'U-MED', kind: 'department', regionId: 2, parentName: null },
	{ id: 40, name: '某镇政府', code: 'U-TOWN', kind: 'department', regionId: 4, parentName: null },
	{
		id: 50,
		name: '外市公安局',
		code: 'U-POL',
		kind: 'law_enforcement',
		regionId: 5,
		parentName: null
	}
];

const cadre = (id: number, unitId: number, position: string, midLevel: boolean): PickerCadre => {
	const unit = units.find((u) => u.id === unitId) as PickerUnit;
	return {
		id,
		name: `干部${id}`,
		code: `C-${id}`,
		unitId,
		unit: unit.name,
		position,
		midLevel,
		regionId: unit.regionId
	};
};
const cadres = [
	cadre(1, 10, '办公室主任', true),
	cadre(2, 10, '科员', false),
	cadre(3, 20, '办公室主任', true),
	cadre(4, 20, '副局长', false),
	cadre(5, 40, '镇长', true),
	cadre(6, 50, '办公室主任', true)
];
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('the subject pickers', () => {
	it('narrows to a region and every region below it', () => {
		expect([...(regionsWithin(regions, 2) ?? [])].sort()).toEqual([2, 4]);
		expect([...(regionsWithin(regions, 1) ?? [])].sort()).toEqual([1, 2, 3, 4]);
		expect(regionsWithin(regions, null)).toBeNull();
		expect(ids(filterUnits(units, emptyPickerFilter, regionsWithin(regions, 2)))).toEqual([20, 40]);
		expect(ids(filterCadres(cadres, emptyPickerFilter, regionsWithin(regions, 1)))).toEqual([
			1, 2, 3, 4, 5
		]);
	});

	it('offers everything when no region is chosen', () => {
		expect(ids(filterUnits(units, emptyPickerFilter, null))).toEqual([10, 11, 20, 40, 50]);
		expect(filterCadres(cadres, emptyPickerFilter, null)).toHaveLength(6);
	});

	it('finds a window by its own unit and tells windows from units', () => {
		const search = { ...emptyPickerFilter, unitQuery: '税务' };
		expect(ids(filterUnits(units, search, null))).toEqual([10, 11]);
		expect(ids(filterUnits(units, { ...search, unitKind: 'window' }, null))).toEqual([11]);
		expect(ids(filterUnits(units, { ...search, unitKind: 'unit' }, null))).toEqual([10]);
		expect(ids(filterUnits(units, { ...emptyPickerFilter, unitQuery: 'u-pol' }, null))).toEqual([
			50
		]);
	});

	it('finds cadres by every word across name, code, position and unit', () => {
		const search = (cadreQuery: string) =>
			ids(filterCadres(cadres, { ...emptyPickerFilter, cadreQuery }, null));
		expect(search('税务 主任')).toEqual([1]);
		expect(search('办公室主任')).toEqual([1, 3, 6]);
		expect(search('c-4')).toEqual([4]);
		expect(search('干部5')).toEqual([5]);
		expect(search('  ')).toHaveLength(6);
	});

	it('folds full-width letters and case', () => {
		expect(matchesTerms(['c-4'], ['Ｃ-4'])).toBe(true);
		expect(matchesTerms(['abc'], [null, 'xABCx'])).toBe(true);
		expect(matchesTerms(['abc', 'z'], ['abc'])).toBe(false);
	});

	it('narrows cadres to a unit and to mid-level cadres', () => {
		const filter = { ...emptyPickerFilter, cadreUnitId: 20, midLevelOnly: true };
		expect(ids(filterCadres(cadres, filter, null))).toEqual([3]);
		expect(ids(filterCadres(cadres, { ...filter, midLevelOnly: false }, null))).toEqual([3, 4]);
		expect(ids(filterCadres(cadres, { ...emptyPickerFilter, midLevelOnly: true }, null))).toEqual([
			1, 3, 5, 6
		]);
	});

	it('lists the units that have cadres in the region for the unit filter', () => {
		expect(unitsOfCadres(cadres, regionsWithin(regions, 2))).toEqual([
			{ id: 20, name: '东区医保局' },
			{ id: 40, name: '某镇政府' }
		]);
	});

	it('adds everything shown to the selection, keeping what the filter hides', () => {
		expect(selectShown([6, 1], [{ id: 1 }, { id: 3 }])).toEqual([6, 1, 3]);
		expect(selectShown([2, 2], [])).toEqual([2]);
	});

	it('reads the filter fields of a posted form, ignoring nonsense', () => {
		const form = new FormData();
		form.set('unitQuery', '  税务 ');
		form.set('unitKind', 'bogus');
		form.set('cadreQuery', 'x'.repeat(500));
		form.set('cadreUnitId', '-3');
		form.set('midLevelOnly', 'on');
		expect(parsePickerFilter(form)).toEqual({
			unitQuery: '税务',
			unitKind: '',
			cadreQuery: 'x'.repeat(100),
			cadreUnitId: null,
			midLevelOnly: true
		});
		form.set('unitKind', 'window');
		form.set('cadreUnitId', '20');
		expect(parsePickerFilter(form)).toMatchObject({ unitKind: 'window', cadreUnitId: 20 });
		expect(parsePickerFilter(new FormData())).toEqual(emptyPickerFilter);
	});

	it('narrows to the first region when one is required and none was sent', () => {
		expect(pickerRegionId('3', regions, false)).toBe(3);
		expect(pickerRegionId('', regions, false)).toBeNull();
		expect(pickerRegionId('', regions, true)).toBe(1);
		expect(pickerRegionId('99', regions, true)).toBe(1);
		expect(pickerRegionId('99', regions, false)).toBeNull();
	});
});

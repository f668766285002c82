import { describe, expect, it } from 'vitest';
import { filterQuery, parseTrendFilters, type FilterChoices } from './filters';

const choices: FilterChoices = {
	indicatorKeys: ['credibility', 'org_work_satisfaction'],
	areas: [
		{ id: 1, level: 'province', parentId: null },
		{ id: 8, level: 'city', parentId: 1 },
		{ id: 81, level: 'district', parentId: 8 }
	],
	yearBounds: { min: 2009, max: 2025 },
	currentYear: 2026
};

describe('parseTrendFilters', () => {
	it('defaults to the top area, the level below it and every year with data', () => {
		expect(parseTrendFilters(new URLSearchParams(), choices)).toEqual({
			indicatorKey: 'credibility',
			areaId: 1,
			level: 'city',
			fromYear: 2009,
			toYear: 2025,
			focusId: null
		});
	});

	it('takes the reader’s choices when they are allowed', () => {
		const params = new URLSearchParams(
			'indicator=org_work_satisfaction&region=8&level=district&from=2012&to=2020&focus=81'
		);
		expect(parseTrendFilters(params, choices)).toEqual({
			indicatorKey: 'org_work_satisfaction',
			areaId: 8,
			level: 'district',
			fromYear: 2012,
			toYear: 2020,
			focusId: 81
		});
	});

	it('falls back for an area outside the scope, a level above the area and swapped years', () => {
		const scoped = { ...choices, areas: [choices.areas[2]] };
		const params = new URLSearchParams('indicator=x&region=1&level=province&from=2020&to=2011');
		expect(parseTrendFilters(params, scoped)).toEqual({
			indicatorKey: 'credibility',
			areaId: 81,
			level: 'district',
			fromYear: 2011,
			toYear: 2020,
			focusId: null
		});
	});

	it('shows no area to a reader with nothing in scope', () => {
		expect(parseTrendFilters(new URLSearchParams(), { ...choices, areas: [] }).areaId).toBeNull();
	});
});

describe('filterQuery', () => {
	it('writes the filters back into a query string', () => {
		const query = filterQuery({
			indicatorKey: 'credibility',
			areaId: 8,
			level: 'district',
			fromYear: 2009,
			toYear: 2011,
			focusId: null
		});
		expect(query).toBe('indicator=credibility&region=8&level=district&from=2009&to=2011');
	});
});

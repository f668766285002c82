import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cityData } from './options/fixtures';
import { formatDecimal, rankPath, summariseSources, yearOverYear } from './series';
import type { TrendPoint } from './options/types';

describe('yearOverYear', () => {
	it('gives the exact change and the places gained, 9 → 4 being five places up', () => {
		const [other, jichuan] = yearOverYear(cityData, 2011);
		expect(jichuan).toMatchObject({ change: '5.43', direction: 'up', placesGained: 5 });
		expect(other).toMatchObject({ change: null, direction: null, placesGained: null });
	});

	it('reports a fall as down with places lost', () => {
		const data = {
			regions: cityData.regions,
			points: [
				{ regionId: 1, year: 2020, value: '90', rank: 2, peers: 17, source: 'imported' as const },
				{ regionId: 1, year: 2021, value: '89.5', rank: 6, peers: 17, source: 'imported' as const }
			]
		};
		expect(yearOverYear(data, 2021)[0]).toMatchObject({
			change: '-0.5',
			direction: 'down',
			placesGained: -4
		});
	});

	it('computes changes exactly for any two-decimal values', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10000 }),
				fc.integer({ min: 0, max: 10000 }),
				(a, b) => {
					const text = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
					const data = {
						regions: [{ id: 1, code: 'x', name: 'x' }],
						points: [
							{
								regionId: 1,
								year: 1,
								value: text(a),
								rank: null,
								peers: null,
								source: 'imported' as const
							},
							{
								regionId: 1,
								year: 2,
								value: text(b),
								rank: null,
								peers: null,
								source: 'imported' as const
							}
						]
					};
					const [row] = yearOverYear(data, 2);
					expect(Math.round(Number(row.change) * 100)).toBe(b - a);
					expect(row.direction).toBe(b > a ? 'up' : b < a ? 'down' : 'same');
				}
			)
		);
	});
});

describe('rankPath', () => {
	it('writes the move 17 → 9 → 4', () => {
		expect(rankPath(cityData.points, 8)).toBe('17 → 9 → 4');
	});
});

describe('formatDecimal', () => {
	it('rounds half-up exactly and groups digits the zh-CN way', () => {
		expect(formatDecimal('84.365', 2)).toBe('84.37');
		expect(formatDecimal('1234.5', 2)).toBe('1,234.50');
		expect(formatDecimal('76.5000000000000000', 2)).toBe('76.50');
		expect(formatDecimal('-0.004', 2)).toBe('0.00');
	});
});

describe('summariseSources', () => {
	const point = (year: number, extra: Partial<TrendPoint>): TrendPoint => ({
		regionId: 8,
		year,
		value: '80',
		rank: null,
		peers: null,
		source: 'imported',
		...extra
	});
	const documents = [
		{ title: '全国组织工作满意度民意调查', file: null },
		{ title: null, file: 'credibility-2012.xlsx' }
	];

	it('names each document once, in the data’s order, whatever order the values come in', () => {
		const points = [
			point(2012, { document: 1 }),
			point(2011, { document: 0 }),
			point(2010, { document: 0 })
		];
		expect(summariseSources({ documents }, points)).toEqual({
			documents,
			unrecorded: 0,
			campaignIds: []
		});
	});

	it('counts imported values without a recorded source and lists the campaigns of computed ones', () => {
		const points = [
			point(2010, {}),
			point(2011, { source: 'computed', campaignId: 42 }),
			point(2012, { source: 'computed', campaignId: 7 }),
			point(2013, { source: 'computed', campaignId: 42 })
		];
		expect(summariseSources({ documents }, points)).toEqual({
			documents: [],
			unrecorded: 1,
			campaignIds: [7, 42]
		});
	});

	it('lists only the sources of the values given (a chart of two years, not of all)', () => {
		const points = [point(2010, { document: 0 }), point(2011, { document: 1 })];
		expect(summariseSources({ documents }, points.slice(1)).documents).toEqual([documents[1]]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { buildChangeBarOption } from './changes';
import { cityData, labels } from './fixtures';
import { colourDifference } from '../colour-vision';
import { buildHeatmapOption, heatScale, noDataColor, noDataStyle } from './heatmap';
import { buildLineOption } from './lines';
import { buildSmallMultiplesOption, multiplesHeight, panelScale } from './multiples';
import { buildRankOption } from './ranks';
import { yearOverYear } from '../series';
import type { TrendData } from './types';
import type { LegendComponentOption } from 'echarts/components';

/** The 17 cities of the demo province, one value each, with the province average. */
const seventeenCities: TrendData = {
	...cityData,
	regions: Array.from({ length: 17 }, (_, i) => ({
		id: i + 1,
		code: `99${i}`,
		name: `城市${i + 1}`
	})),
	points: Array.from({ length: 17 }, (_, i) => ({
		regionId: i + 1,
		year: 2011,
		value: String(70 + i),
		rank: 17 - i,
		peers: 17,
		source: 'imported' as const
	}))
};

const seriesOf = (option: ReturnType<typeof buildLineOption>) =>
	option.series as LineSeriesOption[];

describe('buildLineOption', () => {
	it('draws one line per region with gaps for missing years, and the average dashed', () => {
		const series = seriesOf(buildLineOption(cityData, labels));
		expect(series.map((s) => s.name)).toEqual(['岱阳市', '济川市', '齐岳省平均']);
		expect(series[0].data).toEqual([80.1, null, 86]);
		expect(series[1].data).toEqual([71.02, 78.93, 84.36]);
		expect(series[2].data).toEqual([76.5, 79.1, 82.2]);
		expect(series[2].lineStyle).toMatchObject({ type: 'dashed' });
	});

	it('leaves the average out when there is none', () => {
		const series = seriesOf(
			buildLineOption({ ...cityData, averages: [], averageLabel: '' }, labels)
		);
		expect(series).toHaveLength(2);
	});

	it('keeps the average in a legend of its own, always in view above the regions’ paged legend', () => {
		const option = buildLineOption(seventeenCities, labels);
		const [average, regions] = option.legend as LegendComponentOption[];
		expect(average).toMatchObject({ data: ['齐岳省平均'], top: 0 });
		expect(average.type).not.toBe('scroll');
		expect(regions).toMatchObject({ type: 'scroll', top: 26 });
		expect(regions.data).toHaveLength(17);
		expect(regions.data).not.toContain('齐岳省平均');
	});

	it('names the value axis along its side, never in the legends’ rows above the plot', () => {
		for (const data of [cityData, { ...cityData, averages: [], averageLabel: '' }]) {
			const option = buildLineOption(data, labels);
			const legends = option.legend as LegendComponentOption[];
			const legendBottom = Math.max(...legends.map((l) => (l.top as number) + 26));
			expect((option.grid as { top: number }).top).toBeGreaterThan(legendBottom);
			expect(option.yAxis).toMatchObject({ name: '数值', nameLocation: 'middle', nameRotate: 90 });
			const { left, nameGap } = {
				...(option.grid as { left: number }),
				...(option.yAxis as { nameGap: number })
			};
			expect(nameGap).toBeLessThan(left);
		}
	});

	it('gives 17 cities 17 different colour and marker pairs', () => {
		const series = seriesOf(buildLineOption(seventeenCities, labels)).slice(0, 17);
		expect(new Set(series.map((s) => `${s.color} ${s.symbol}`)).size).toBe(17);
	});
});

describe('buildRankOption', () => {
	it('inverts the rank axis from 1 to the number of peers and labels the highlighted move', () => {
		const option = buildRankOption(cityData, labels, [8]);
		expect(option.yAxis).toMatchObject({ inverse: true, min: 1, max: 17, minInterval: 1 });
		const series = seriesOf(option);
		expect(series[1].data).toEqual([17, 9, 4]);
		expect(series[1].label).toMatchObject({ show: true });
		expect(series[0].label).toMatchObject({ show: false });
	});

	it('never puts the axis maximum below any plotted rank', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						rank: fc.integer({ min: 1, max: 300 }),
						extra: fc.integer({ min: 0, max: 50 })
					}),
					{
						minLength: 1,
						maxLength: 20
					}
				),
				(entries) => {
					const data: TrendData = {
						...cityData,
						years: entries.map((_, i) => 2000 + i),
						points: entries.map((e, i) => ({
							regionId: 8,
							year: 2000 + i,
							value: '1',
							rank: e.rank,
							peers: e.rank + e.extra,
							source: 'imported'
						}))
					};
					const axis = buildRankOption(data, labels).yAxis as { max: number };
					expect(axis.max).toBeGreaterThanOrEqual(Math.max(...entries.map((e) => e.rank)));
				}
			)
		);
	});
});

describe('buildHeatmapOption', () => {
	it('places each value at its year column and region row, scaled between min and max', () => {
		const option = buildHeatmapOption(cityData, labels);
		const [series] = option.series as { data: number[][] }[];
		expect(series.data).toContainEqual([0, 1, 71.02]);
		expect(series.data).toContainEqual([2, 0, 86]);
		expect(series.data).toHaveLength(5);
		expect(option.visualMap).toMatchObject({ min: 71.02, max: 86, seriesIndex: 0 });
	});

	it('draws a region-year without a value as a hatched grey cell named in the legend', () => {
		const option = buildHeatmapOption(cityData, labels);
		const [, empty] = option.series as { name: string; data: number[][]; itemStyle: object }[];
		// 岱阳市 (row 0) has no value for 2010 (column 1).
		expect(empty).toMatchObject({ name: '无数据', data: [[1, 0, 0]], itemStyle: noDataStyle });
		expect(noDataStyle.color).toMatchObject({ repeat: 'repeat' });
		expect(decodeURIComponent(noDataStyle.color.image)).toContain('<path');
		expect(option.legend).toMatchObject({ data: ['无数据'] });
	});

	it('needs no “no data” entry when every cell has a value', () => {
		const full = { ...cityData, points: cityData.points.filter((p) => p.regionId === 8) };
		const option = buildHeatmapOption({ ...full, regions: [cityData.regions[1]] }, labels);
		expect(option.series).toHaveLength(1);
		expect(option.legend).toEqual([]);
	});

	it('colours even the worst value clearly, unlike a white page or an empty cell', () => {
		const scale = (
			buildHeatmapOption(cityData, labels).visualMap as { inRange: { color: string[] } }
		).inRange.color;
		expect(scale).toEqual(heatScale);
		for (const colour of scale) {
			expect(colourDifference(colour, '#ffffff')).toBeGreaterThan(10);
			expect(colourDifference(colour, noDataColor)).toBeGreaterThan(10);
		}
		// Darker stays better when lower is better.
		const lower = buildHeatmapOption(
			{ ...cityData, indicator: { ...cityData.indicator, higherIsBetter: false } },
			labels
		).visualMap as { inRange: { color: string[] } };
		expect(lower.inRange.color).toEqual([...heatScale].reverse());
	});
});

describe('buildSmallMultiplesOption', () => {
	it('gives every region its own grid, axes and title with a shared scale', () => {
		const option = buildSmallMultiplesOption(cityData, { columns: 4, panelHeight: 150 });
		expect(option.grid).toHaveLength(2);
		expect((option.title as { text: string }[]).map((t) => t.text)).toEqual(['岱阳市', '济川市']);
		const yAxes = option.yAxis as { min: number; max: number; interval: number }[];
		expect(yAxes.map((a) => [a.min, a.max, a.interval])).toEqual([
			[70, 90, 5],
			[70, 90, 5]
		]);
		expect(seriesOf(option).filter((s) => s.name === '齐岳省平均')).toHaveLength(2);
	});

	it('scales the panels to the average too when it runs above every region’s values', () => {
		// A district leader sees one district whose best year is 83.6, below its peers' 85.19.
		const district: TrendData = {
			...cityData,
			regions: [cityData.regions[1]],
			points: [
				{ regionId: 8, year: 2009, value: '80.02', rank: 9, peers: 12, source: 'imported' },
				{ regionId: 8, year: 2011, value: '83.60', rank: 7, peers: 12, source: 'imported' }
			],
			averages: [
				{ year: 2009, value: '81.5', count: 12 },
				{ year: 2011, value: '85.19', count: 12 }
			]
		};
		const [axis] = buildSmallMultiplesOption(district).yAxis as { min: number; max: number }[];
		expect(axis).toMatchObject({ min: 80, max: 86, interval: 2 });
	});

	it('keeps every value drawn in any panel inside the panels’ scale', () => {
		const decimal = fc
			.integer({ min: 0, max: 10_000 })
			.map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);
		fc.assert(
			fc.property(
				fc.array(fc.option(decimal), { minLength: 3, maxLength: 3 }),
				fc.array(fc.option(decimal), { minLength: 3, maxLength: 3 }),
				(own, averages) => {
					const data: TrendData = {
						...cityData,
						regions: [cityData.regions[1]],
						points: own.flatMap((value, i) =>
							value === null
								? []
								: [
										{
											regionId: 8,
											year: 2009 + i,
											value,
											rank: null,
											peers: null,
											source: 'imported' as const
										}
									]
						),
						averages: averages.flatMap((value, i) =>
							value === null ? [] : [{ year: 2009 + i, value, count: 12 }]
						)
					};
					const option = buildSmallMultiplesOption(data);
					const [axis] = option.yAxis as { min: number; max: number; interval: number }[];
					expect(axis.min).toBeLessThan(axis.max);
					// Whole steps, at most four of them: the labels never crowd.
					expect(Number.isInteger((axis.max - axis.min) / axis.interval)).toBe(true);
					expect((axis.max - axis.min) / axis.interval).toBeLessThanOrEqual(4);
					for (const series of seriesOf(option)) {
						for (const y of series.data as (number | null)[]) {
							if (y === null) continue;
							expect(y).toBeGreaterThanOrEqual(axis.min);
							expect(y).toBeLessThanOrEqual(axis.max);
						}
					}
				}
			)
		);
	});

	it('widens a flat series on a whole number to a range', () => {
		expect(
			panelScale({
				years: [2020],
				points: [{ ...cityData.points[0], year: 2020, value: '80' }],
				averages: []
			})
		).toEqual({ min: 79, max: 81, interval: 1 });
	});

	it('needs one panel row per started group of columns', () => {
		expect(multiplesHeight(12, { columns: 4, panelHeight: 150 })).toBe(450);
		expect(multiplesHeight(13, { columns: 4, panelHeight: 150 })).toBe(600);
	});
});

describe('buildChangeBarOption', () => {
	it('colours gains green, losses red and leaves missing changes empty', () => {
		const rows = yearOverYear(cityData, 2011);
		const option = buildChangeBarOption(cityData, rows, '变化');
		const [series] = option.series as {
			data: ({ value: number; itemStyle: { color: string } } | null)[];
		}[];
		expect(series.data[0]).toBeNull();
		expect(series.data[1]).toEqual({ value: 5.43, itemStyle: { color: '#1a7f37' } });
	});
});

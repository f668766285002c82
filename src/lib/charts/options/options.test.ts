import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { buildChangeBarOption } from './changes';
import { cityData, labels } from './fixtures';
import { buildHeatmapOption } from './heatmap';
import { buildLineOption } from './lines';
import { buildSmallMultiplesOption, multiplesHeight } from './multiples';
import { buildRankOption } from './ranks';
import { yearOverYear } from '../series';
import type { TrendData } from './types';

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
		expect(option.visualMap).toMatchObject({ min: 71.02, max: 86 });
	});
});

describe('buildSmallMultiplesOption', () => {
	it('gives every region its own grid, axes and title with a shared scale', () => {
		const option = buildSmallMultiplesOption(cityData, { columns: 4, panelHeight: 150 });
		expect(option.grid).toHaveLength(2);
		expect((option.title as { text: string }[]).map((t) => t.text)).toEqual(['岱阳市', '济川市']);
		const yAxes = option.yAxis as { min: number; max: number }[];
		expect(yAxes.map((a) => [a.min, a.max])).toEqual([
			[71, 86],
			[71, 86]
		]);
		expect(seriesOf(option).filter((s) => s.name === '齐岳省平均')).toHaveLength(2);
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

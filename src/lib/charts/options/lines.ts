import type { LineSeriesOption } from 'echarts/charts';
import { chartNumber, pointGrid } from '../series';
import { averageColor, palette, type ChartOption } from './option';
import type { ChartLabels, TrendData } from './types';

/**
 * One line per region across the years, with the peer average as a dashed grey line. A missing
 * year is a gap (null), never a made-up zero.
 */
export function buildLineOption(data: TrendData, labels: ChartLabels): ChartOption {
	const grid = pointGrid(data);
	const series: LineSeriesOption[] = data.regions.map((region, index) => ({
		type: 'line',
		name: region.name,
		data: data.years.map((year) => chartNumber(grid.get(region.id)?.get(year)?.value)),
		color: palette[index % palette.length],
		symbolSize: 6,
		emphasis: { focus: 'series' }
	}));
	if (data.averages.length > 0 && data.averageLabel) {
		const byYear = new Map(data.averages.map((a) => [a.year, a.value]));
		series.push({
			type: 'line',
			name: data.averageLabel,
			data: data.years.map((year) => chartNumber(byYear.get(year))),
			color: averageColor,
			lineStyle: { type: 'dashed', width: 2 },
			symbol: 'none',
			z: 1
		});
	}
	return {
		animation: false,
		tooltip: { trigger: 'axis' },
		legend: { type: 'scroll', top: 0 },
		grid: { left: 48, right: 24, top: 40, bottom: data.years.length > 8 ? 64 : 32 },
		xAxis: {
			type: 'category',
			name: labels.year,
			data: data.years.map(String),
			boundaryGap: false
		},
		yAxis: { type: 'value', name: labels.value, scale: true },
		dataZoom: data.years.length > 8 ? [{ type: 'inside' }, { type: 'slider', bottom: 8 }] : [],
		series
	};
}

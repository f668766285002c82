import type { LineSeriesOption } from 'echarts/charts';
import { chartNumber, pointGrid } from '../series';
import { legendsFor, sideAxisName, sideAxisRoom } from './layout';
import { averageColor, seriesStyle, type ChartOption } from './option';
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
		...seriesStyle(index),
		symbolSize: 6,
		emphasis: { focus: 'series' }
	}));
	const average = data.averages.length > 0 && data.averageLabel ? data.averageLabel : null;
	if (average) {
		const byYear = new Map(data.averages.map((a) => [a.year, a.value]));
		series.push({
			type: 'line',
			name: average,
			data: data.years.map((year) => chartNumber(byYear.get(year))),
			color: averageColor,
			lineStyle: { type: 'dashed', width: 2 },
			symbol: 'none',
			z: 1
		});
	}
	const legends = legendsFor(
		data.regions.map((r) => r.name),
		average
	);
	return {
		animation: false,
		tooltip: { trigger: 'axis' },
		legend: legends.legend,
		grid: {
			left: sideAxisRoom,
			right: 40,
			top: legends.height + 16,
			bottom: data.years.length > 8 ? 64 : 32
		},
		xAxis: {
			type: 'category',
			name: labels.year,
			data: data.years.map(String),
			boundaryGap: false
		},
		yAxis: { type: 'value', ...sideAxisName(labels.value), scale: true },
		dataZoom: data.years.length > 8 ? [{ type: 'inside' }, { type: 'slider', bottom: 8 }] : [],
		series
	};
}

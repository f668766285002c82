import type { LineSeriesOption } from 'echarts/charts';
import { pointGrid } from '../series';
import { legendsFor, sideAxisName, sideAxisRoom } from './layout';
import { seriesStyle, type ChartOption } from './option';
import type { ChartLabels, TrendData } from './types';

/**
 * Ranks over the years on an inverted axis: 1st at the top, so a climb from 17th to 4th reads as
 * a line going up. Regions in `highlight` carry their rank as a label on every point; the others
 * are drawn thinner so the highlighted move stands out among 17 cities.
 */
export function buildRankOption(
	data: TrendData,
	labels: ChartLabels,
	highlight: number[] = []
): ChartOption {
	const grid = pointGrid(data);
	const maxPeers = Math.max(1, ...data.points.map((p) => p.peers ?? p.rank ?? 1));
	const series: LineSeriesOption[] = data.regions.map((region, index) => {
		const focused = highlight.length === 0 || highlight.includes(region.id);
		return {
			type: 'line',
			name: region.name,
			data: data.years.map((year) => grid.get(region.id)?.get(year)?.rank ?? null),
			...seriesStyle(index),
			lineStyle: { width: focused ? 3 : 1, opacity: focused ? 1 : 0.35 },
			itemStyle: { opacity: focused ? 1 : 0.35 },
			label: { show: highlight.includes(region.id), position: 'top', formatter: '{c}' },
			emphasis: { focus: 'series' }
		};
	});
	const legends = legendsFor(
		data.regions.map((r) => r.name),
		null
	);
	return {
		animation: false,
		tooltip: { trigger: 'axis' },
		legend: legends.legend,
		grid: { left: sideAxisRoom, right: 40, top: legends.height + 16, bottom: 32 },
		xAxis: {
			type: 'category',
			name: labels.year,
			data: data.years.map(String),
			boundaryGap: false
		},
		yAxis: {
			type: 'value',
			...sideAxisName(labels.rank),
			inverse: true,
			min: 1,
			max: maxPeers,
			minInterval: 1
		},
		series
	};
}

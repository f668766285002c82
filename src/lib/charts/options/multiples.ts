import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TitleComponentOption } from 'echarts/components';
import { chartNumber, pointGrid, valueExtent } from '../series';
import { averageColor, palette, type ChartOption } from './option';
import type { TrendData } from './types';

export interface MultiplesLayout {
	columns: number;
	/** Height of one panel in pixels, title included. */
	panelHeight: number;
}

/** How tall the chart must be for all panels. */
export function multiplesHeight(regionCount: number, layout: MultiplesLayout): number {
	return Math.max(1, Math.ceil(regionCount / layout.columns)) * layout.panelHeight;
}

/**
 * One small panel per region with a shared y scale (so panels compare at a glance) and the peer
 * average dashed in each; positions are percentages of the width and pixels of the height.
 */
export function buildSmallMultiplesOption(
	data: TrendData,
	layout: MultiplesLayout = { columns: 4, panelHeight: 150 }
): ChartOption {
	const grid = pointGrid(data);
	const [min, max] = valueExtent([...data.points]) ?? [0, 1];
	const width = 100 / layout.columns;
	const averages = new Map(data.averages.map((a) => [a.year, a.value]));
	const grids: GridComponentOption[] = [];
	const titles: TitleComponentOption[] = [];
	const series: LineSeriesOption[] = [];
	data.regions.forEach((region, index) => {
		const column = index % layout.columns;
		const top = Math.floor(index / layout.columns) * layout.panelHeight;
		grids.push({
			left: `${column * width + 3}%`,
			width: `${width - 5}%`,
			top: top + 28,
			height: layout.panelHeight - 52
		});
		titles.push({
			text: region.name,
			left: `${column * width + 3}%`,
			top,
			textStyle: { fontSize: 12 }
		});
		series.push({
			type: 'line',
			name: region.name,
			xAxisIndex: index,
			yAxisIndex: index,
			data: data.years.map((year) => chartNumber(grid.get(region.id)?.get(year)?.value)),
			color: palette[index % palette.length],
			symbolSize: 3
		});
		if (averages.size > 0) {
			series.push({
				type: 'line',
				name: data.averageLabel,
				xAxisIndex: index,
				yAxisIndex: index,
				data: data.years.map((year) => chartNumber(averages.get(year))),
				color: averageColor,
				lineStyle: { type: 'dashed', width: 1 },
				symbol: 'none'
			});
		}
	});
	const axisIndexes = data.regions.map((_, index) => index);
	return {
		animation: false,
		title: titles,
		tooltip: { trigger: 'axis' },
		grid: grids,
		xAxis: axisIndexes.map((gridIndex) => ({
			type: 'category',
			gridIndex,
			data: data.years.map(String),
			axisLabel: { fontSize: 9 }
		})),
		yAxis: axisIndexes.map((gridIndex) => ({
			type: 'value',
			gridIndex,
			min: Math.floor(min),
			max: Math.ceil(max),
			splitNumber: 2,
			axisLabel: { fontSize: 9 }
		})),
		series
	};
}

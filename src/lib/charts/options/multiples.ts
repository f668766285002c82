import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TitleComponentOption } from 'echarts/components';
import { chartNumber, pointGrid, valueExtent } from '../series';
import { averageColor, seriesStyle, type ChartOption } from './option';
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

/** Tick steps a panel's axis may use: 1, 2, 5, 10, 20, 50, … */
function* niceSteps(): Generator<number> {
	for (let scale = 1; ; scale *= 10) for (const step of [1, 2, 5]) yield step * scale;
}

/**
 * The panels' shared y range and tick step: multiples of the step around every value drawn in any
 * panel, the regions' and the average's alike (a district's own values may all lie below its
 * peers' average), in at most four steps so a 100 px panel's labels never crowd.
 */
export function panelScale(data: Pick<TrendData, 'points' | 'averages' | 'years'>): {
	min: number;
	max: number;
	interval: number;
} {
	const years = new Set(data.years);
	const drawn = [...data.points, ...data.averages].filter((v) => years.has(v.year));
	const [low, high] = valueExtent(drawn) ?? [0, 1];
	for (const step of niceSteps()) {
		let min = Math.floor(low / step);
		let max = Math.ceil(high / step);
		// A flat series on a multiple of the step would give an empty range.
		if (min === max) [min, max] = [min - 1, max + 1];
		if (max - min <= 4) return { min: min * step, max: max * step, interval: step };
	}
	throw new Error('unreachable: some step spans any finite range');
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
	const scale = panelScale(data);
	const width = 100 / layout.columns;
	// Room for the tick labels left of each plot: a share of the panel, so two columns on a phone
	// keep the labels out of the neighbouring panel as four on a desktop do.
	const inset = width * 0.12;
	const averages = new Map(data.averages.map((a) => [a.year, a.value]));
	const grids: GridComponentOption[] = [];
	const titles: TitleComponentOption[] = [];
	const series: LineSeriesOption[] = [];
	data.regions.forEach((region, index) => {
		const column = index % layout.columns;
		const top = Math.floor(index / layout.columns) * layout.panelHeight;
		grids.push({
			left: `${column * width + inset}%`,
			width: `${width * 0.8}%`,
			top: top + 28,
			height: layout.panelHeight - 52
		});
		titles.push({
			text: region.name,
			left: `${column * width + inset}%`,
			top,
			textStyle: { fontSize: 12 }
		});
		series.push({
			type: 'line',
			name: region.name,
			xAxisIndex: index,
			yAxisIndex: index,
			data: data.years.map((year) => chartNumber(grid.get(region.id)?.get(year)?.value)),
			...seriesStyle(index),
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
			...scale,
			axisLabel: { fontSize: 9 }
		})),
		series
	};
}

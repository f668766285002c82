import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
	DataZoomComponentOption,
	GridComponentOption,
	LegendComponentOption,
	TitleComponentOption,
	TooltipComponentOption,
	VisualMapComponentOption
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** An option that uses only what echarts.ts registers; the type refuses anything else. */
export type ChartOption = ComposeOption<
	| LineSeriesOption
	| BarSeriesOption
	| HeatmapSeriesOption
	| GridComponentOption
	| TooltipComponentOption
	| LegendComponentOption
	| VisualMapComponentOption
	| DataZoomComponentOption
	| TitleComponentOption
>;

/** Colour-blind-safe categorical palette (Okabe–Ito, then muted extras for 17 cities). */
export const palette = [
	'#0072b2',
	'#e69f00',
	'#009e73',
	'#cc79a7',
	'#56b4e9',
	'#d55e00',
	'#f0e442',
	'#000000',
	'#6a3d9a',
	'#b15928',
	'#1f78b4',
	'#33a02c',
	'#fb9a99',
	'#a6cee3',
	'#fdbf6f',
	'#cab2d6',
	'#b2df8a'
];

export const averageColor = '#555555';

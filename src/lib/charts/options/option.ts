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

/**
 * Categorical colours for regions, each readable on white (contrast ≥ 3:1, WCAG 1.4.11) and far
 * apart for normal vision and under simulated deuteranopia, protanopia and tritanopia (checked in
 * palette.test.ts): Okabe–Ito's blue, vermillion, bluish green and reddish purple without its
 * yellow and sky blue (too light on white), then Tol's indigo, black, a crimson and a lavender.
 * Eight colours cannot tell 17 cities apart on their own, so each later round of eight repeats
 * them with another marker shape (`seriesStyle`).
 */
export const palette = [
	'#0072b2',
	'#d55e00',
	'#009e73',
	'#cc79a7',
	'#332288',
	'#000000',
	'#a5001e',
	'#9678ff'
] as const;

/** Marker shapes, one per round of the palette. */
export const symbols = ['circle', 'rect', 'triangle', 'diamond'] as const;

/** The n-th region's colour and marker: a distinct pair for the first 32 regions. */
export function seriesStyle(index: number): { color: string; symbol: string } {
	return {
		color: palette[index % palette.length],
		symbol: symbols[Math.floor(index / palette.length) % symbols.length]
	};
}

/** The peer average: dashed grey, apart from every palette colour. */
export const averageColor = '#555555';

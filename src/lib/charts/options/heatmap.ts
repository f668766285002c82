import type { HeatmapSeriesOption } from 'echarts/charts';
import { chartNumber, valueExtent } from '../series';
import type { ChartOption } from './option';
import type { ChartLabels, TrendData } from './types';

/**
 * The colour scale, worst to best (ColorBrewer's Blues from its fourth step: even the worst value
 * is clearly tinted, never the near-white of an empty cell). Darker is better whichever way the
 * indicator runs; the steps differ in lightness, so they read the same to colour-blind eyes.
 */
export const heatScale = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/** Light grey of a cell without a value, under its hatching. */
export const noDataColor = '#eeeeee';

/** Grey diagonal hatching on light grey, one 8 px tile. */
const hatchTile =
	`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">` +
	`<rect width="8" height="8" fill="${noDataColor}"/>` +
	`<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#8a8a8a" stroke-width="1"/></svg>`;

/**
 * A region and year without a value: hatched light grey, and named in the legend. An image
 * pattern rather than an ECharts decal: ECharts 6.1 draws a decal darker on the first cell.
 */
export const noDataStyle = {
	color: {
		image: `data:image/svg+xml,${encodeURIComponent(hatchTile)}`,
		repeat: 'repeat' as const
	},
	borderColor: '#bdbdbd',
	borderWidth: 1
};

/** Region × year grid coloured by value; a cell without a value is hatched grey ("no data"). */
export function buildHeatmapOption(data: TrendData, labels: ChartLabels): ChartOption {
	const years = data.years.map(String);
	const rowOf = new Map(data.regions.map((region, index) => [region.id, index]));
	const columnOf = new Map(data.years.map((year, index) => [year, index]));
	const filled = new Set<string>();
	const cells = data.points
		.filter((p) => rowOf.has(p.regionId) && columnOf.has(p.year))
		.map((p) => {
			filled.add(`${p.regionId}|${p.year}`);
			return [columnOf.get(p.year), rowOf.get(p.regionId), chartNumber(p.value)] as number[];
		});
	// ECharts skips a cell whose value is not a number, so an empty cell carries a 0 that neither
	// the colour scale (bound to the first series only) nor the tooltip ever shows.
	const empty = data.regions.flatMap((region, row) =>
		data.years
			.filter((year) => !filled.has(`${region.id}|${year}`))
			.map((year) => [columnOf.get(year), row, 0] as number[])
	);
	const [min, max] = valueExtent(data.points) ?? [0, 1];
	const series: HeatmapSeriesOption[] = [
		{
			type: 'heatmap',
			name: data.indicator.name,
			data: cells,
			itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
			label: {
				show: data.years.length <= 12 && data.regions.length <= 20,
				fontSize: 10,
				// Cells hold two-decimal values; toFixed of such a value is exact.
				formatter: (cell: { value: unknown }) =>
					(cell.value as number[])[2].toFixed(data.indicator.precision)
			}
		}
	];
	if (empty.length > 0) {
		series.push({
			type: 'heatmap',
			name: labels.noData,
			data: empty,
			itemStyle: noDataStyle,
			tooltip: {
				formatter: (cell: { value: unknown }) => {
					const [column, row] = cell.value as number[];
					return `${data.regions[row].name} · ${years[column]}：${labels.noData}`;
				}
			}
		});
	}
	return {
		animation: false,
		tooltip: { position: 'top' },
		grid: { left: 96, right: 24, top: 16, bottom: empty.length > 0 ? 124 : 96 },
		xAxis: { type: 'category', name: labels.year, data: years },
		yAxis: { type: 'category', data: data.regions.map((r) => r.name), inverse: true },
		legend:
			empty.length > 0
				? { data: [labels.noData], left: 'center', bottom: 64, selectedMode: false }
				: [],
		visualMap: {
			type: 'continuous',
			seriesIndex: 0,
			min,
			max,
			calculable: true,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			precision: data.indicator.precision,
			inRange: {
				color: data.indicator.higherIsBetter ? heatScale : [...heatScale].reverse()
			}
		},
		series
	};
}

import { chartNumber, valueExtent } from '../series';
import type { ChartOption } from './option';
import type { ChartLabels, TrendData } from './types';

/** Region × year grid coloured by value; empty cells stay empty (no value that year). */
export function buildHeatmapOption(data: TrendData, labels: ChartLabels): ChartOption {
	const years = data.years.map(String);
	const rowOf = new Map(data.regions.map((region, index) => [region.id, index]));
	const columnOf = new Map(data.years.map((year, index) => [year, index]));
	const cells = data.points
		.filter((p) => rowOf.has(p.regionId) && columnOf.has(p.year))
		.map((p) => [columnOf.get(p.year), rowOf.get(p.regionId), chartNumber(p.value)] as number[]);
	const [min, max] = valueExtent(data.points) ?? [0, 1];
	return {
		animation: false,
		tooltip: { position: 'top' },
		grid: { left: 96, right: 24, top: 16, bottom: 96 },
		xAxis: { type: 'category', name: labels.year, data: years, splitArea: { show: true } },
		yAxis: {
			type: 'category',
			data: data.regions.map((r) => r.name),
			inverse: true,
			splitArea: { show: true }
		},
		visualMap: {
			type: 'continuous',
			min,
			max,
			calculable: true,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			precision: data.indicator.precision,
			// Darker is better whichever way the indicator runs.
			inRange: {
				color: data.indicator.higherIsBetter ? ['#f7fbff', '#08306b'] : ['#08306b', '#f7fbff']
			}
		},
		series: [
			{
				type: 'heatmap',
				name: data.indicator.name,
				data: cells,
				label: {
					show: data.years.length <= 12 && data.regions.length <= 20,
					fontSize: 10,
					// Cells hold two-decimal values; toFixed of such a value is exact.
					formatter: (cell: { value: unknown }) =>
						(cell.value as number[])[2].toFixed(data.indicator.precision)
				}
			}
		]
	};
}

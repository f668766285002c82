/** Layout shared by the line charts: legends above the plot, the value axis named along its side. */
import type { LegendComponentOption } from 'echarts/components';

/** Height of one legend row, in pixels. */
const legendRow = 26;

/**
 * Legends above the plot: the average on a row of its own, so it is always in view however many
 * pages the regions' scrolling legend has, then the regions.
 */
export function legendsFor(
	regionNames: string[],
	averageLabel: string | null
): { legend: LegendComponentOption[]; height: number } {
	const legends: LegendComponentOption[] = [];
	// The average's icon is its dashed line alone: a marker would hide the dashes.
	if (averageLabel) {
		legends.push({
			top: 0,
			left: 0,
			data: [averageLabel],
			itemWidth: 36,
			itemStyle: { opacity: 0 }
		});
	}
	legends.push({
		type: 'scroll',
		top: legends.length * legendRow,
		left: 0,
		right: 0,
		data: regionNames
	});
	return { legend: legends, height: legends.length * legendRow };
}

/**
 * The value axis with its name written along it in the middle, left of the tick labels: a name on
 * top of the axis would sit in the legends' rows.
 */
export function sideAxisName(name: string): {
	name: string;
	nameLocation: 'middle';
	nameGap: number;
	nameRotate: number;
} {
	return { name, nameLocation: 'middle', nameGap: 44, nameRotate: 90 };
}

/** Room left of the plot for the tick labels and the axis name beside them. */
export const sideAxisRoom = 72;

/**
 * The broadcast screen's bar race as an ECharts option, built from a snapshot. Categories stay in
 * subject order and `realtimeSort` moves the bars, so a new snapshot animates bars into their new
 * places instead of redrawing; each subject keeps its colour wherever it moves.
 */
import type { ChartOption } from '$lib/charts/options/option';
import type { LiveSnapshot } from './live-snapshot';

/** Bright on the dark screen, distinct for colour-blind viewers (Okabe–Ito, lightened). */
const screenPalette = ['#56b4e9', '#e69f00', '#33c79a', '#f0e442', '#cc79a7', '#ff8c42', '#9ad0f5'];

export interface BarDatum {
	name: string;
	value: number;
	subjectId: number;
}

/** Ranked subjects with a figure, in subject-id order (the order realtimeSort starts from). */
export function barData(snapshot: Pick<LiveSnapshot, 'ranking' | 'basis'>): BarDatum[] {
	return snapshot.ranking
		.filter((e) => e.value !== null && e.position !== null)
		.map((e) => ({
			name: e.label,
			// Rates travel as fractions; the screen shows percentages.
			value: snapshot.basis === 'rate' ? (e.value as number) * 100 : (e.value as number),
			subjectId: e.subjectId
		}))
		.sort((a, b) => a.subjectId - b.subjectId);
}

export function decimalsFor(basis: LiveSnapshot['basis']): number {
	return basis === 'picks' ? 0 : 2;
}

export function barRaceOption(
	snapshot: Pick<LiveSnapshot, 'ranking' | 'basis'>,
	fontSize = 40
): ChartOption {
	const data = barData(snapshot);
	const decimals = decimalsFor(snapshot.basis);
	const suffix = snapshot.basis === 'rate' ? '%' : '';
	return {
		animationDuration: 0,
		animationDurationUpdate: 900,
		animationEasing: 'linear',
		animationEasingUpdate: 'linear',
		grid: { left: 24, right: 220, top: 8, bottom: 8, containLabel: true },
		xAxis: {
			type: 'value',
			min: 0,
			max: snapshot.basis === 'picks' ? 'dataMax' : 100,
			show: false
		},
		yAxis: {
			type: 'category',
			inverse: true,
			data: data.map((d) => d.name),
			axisLine: { show: false },
			axisTick: { show: false },
			axisLabel: { color: '#ffffff', fontSize, fontWeight: 'bold', margin: 24 },
			animationDuration: 300,
			animationDurationUpdate: 300
		},
		series: [
			{
				type: 'bar',
				realtimeSort: true,
				barCategoryGap: '28%',
				data: data.map((d) => ({
					value: d.value,
					itemStyle: { color: screenPalette[d.subjectId % screenPalette.length] }
				})),
				label: {
					show: true,
					position: 'right',
					valueAnimation: true,
					color: '#ffffff',
					fontSize,
					fontWeight: 'bold',
					formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(decimals)}${suffix}`
				}
			}
		]
	};
}

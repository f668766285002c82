import { chartNumber, type ChangeRow } from '../series';
import type { ChartOption } from './option';
import type { TrendData } from './types';

/** Bars of the year-over-year change per region: green for better, red for worse. */
export function buildChangeBarOption(
	data: Pick<TrendData, 'regions' | 'indicator'>,
	rows: ChangeRow[],
	valueLabel: string
): ChartOption {
	const names = new Map(data.regions.map((r) => [r.id, r.name]));
	const better = (change: number) => (data.indicator.higherIsBetter ? change > 0 : change < 0);
	return {
		animation: false,
		tooltip: { trigger: 'axis' },
		grid: { left: 96, right: 32, top: 16, bottom: 32 },
		xAxis: { type: 'value', name: valueLabel },
		yAxis: { type: 'category', data: rows.map((r) => names.get(r.regionId) ?? ''), inverse: true },
		series: [
			{
				type: 'bar',
				data: rows.map((row) => {
					const value = chartNumber(row.change);
					if (value === null) return null;
					return {
						value,
						itemStyle: { color: better(value) ? '#1a7f37' : value === 0 ? '#888888' : '#c62828' }
					};
				})
			}
		]
	};
}

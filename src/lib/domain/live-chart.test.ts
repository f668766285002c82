import { describe, expect, it } from 'vitest';
import { barData, barRaceOption } from './live-chart';
import type { LiveEntry } from './live-snapshot';

const entry = (subjectId: number, value: number | null, position: number | null): LiveEntry => ({
	subjectId,
	label: `单位${subjectId}`,
	display: value === null ? null : value.toFixed(2),
	value,
	position
});

const ranking = [entry(3, 90, 1), entry(1, 80, 2), entry(2, null, null)];

describe('live bar race option', () => {
	it('keeps bars in subject order and leaves out subjects without a figure', () => {
		expect(barData({ ranking, basis: 'score' })).toEqual([
			{ name: '单位1', value: 80, subjectId: 1 },
			{ name: '单位3', value: 90, subjectId: 3 }
		]);
	});

	it('shows rates as percentages', () => {
		const rates = [entry(1, 0.925, 1)];
		expect(barData({ ranking: rates, basis: 'rate' })[0].value).toBeCloseTo(92.5);
	});

	it('sorts in real time and gives a subject the same colour wherever it stands', () => {
		const first = barRaceOption({ ranking, basis: 'score' });
		const moved = barRaceOption({
			ranking: [entry(1, 95, 1), entry(3, 90, 2)],
			basis: 'score'
		});
		const series = (o: typeof first) => (Array.isArray(o.series) ? o.series[0] : o.series);
		expect(series(first)).toMatchObject({ type: 'bar', realtimeSort: true });
		const colours = (o: typeof first) =>
			(series(o)?.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
		expect(colours(first)).toEqual(colours(moved));
	});
});

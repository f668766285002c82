import { describe, expect, it } from 'vitest';
import { fromDecimal, compare } from '$lib/domain/scoring/rational';
import { generateDemoTrendRows } from './demo-series';

const cities = Array.from({ length: 17 }, (_, i) => `99${String(i + 1).padStart(2, '0')}00`);
const districts = ['990811', '990812', '990813', '990826'];
const rows = generateDemoTrendRows(cities, districts);

describe('generateDemoTrendRows', () => {
	it('puts 济川市 17th, 9th and 4th of 17 in 2009–2011, with 84.36 in 2011', () => {
		const jichuan = rows.filter(
			(r) => r.indicatorKey === 'credibility' && r.regionCode === '990800' && r.year <= 2011
		);
		expect(jichuan.map((r) => [r.year, r.rank, r.peers])).toEqual([
			[2009, 17, 17],
			[2010, 9, 17],
			[2011, 4, 17]
		]);
		expect(jichuan[2].value).toBe('84.36');
	});

	it('ranks the 17 cities 1 to 17 every year with strictly falling scores', () => {
		for (let year = 2009; year <= 2025; year++) {
			const ranked = rows
				.filter(
					(r) =>
						r.indicatorKey === 'credibility' && r.year === year && cities.includes(r.regionCode)
				)
				.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
			expect(ranked.map((r) => r.rank)).toEqual(cities.map((_, i) => i + 1));
			for (let i = 1; i < ranked.length; i++) {
				expect(compare(fromDecimal(ranked[i - 1].value), fromDecimal(ranked[i].value))).toBe(1);
			}
		}
	});

	it('gives every district four indicators for 2012–2025, all two-decimal values below 100', () => {
		const districtRows = rows.filter((r) => districts.includes(r.regionCode));
		expect(districtRows).toHaveLength(districts.length * 4 * 14);
		expect(districtRows.every((r) => /^\d{2}\.\d{2}$/.test(r.value))).toBe(true);
	});
});

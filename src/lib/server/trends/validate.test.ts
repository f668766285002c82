import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	findDuplicateRows,
	mapImportHeaders,
	parseDecimalText,
	validateImportRow,
	validateImportSheet,
	type ImportContext
} from './validate';

const context: ImportContext = {
	indicators: new Map([
		['credibility', 'credibility'],
		['选人用人公信度', 'credibility']
	]),
	regionCodes: new Set(['990800', '990100']),
	scopeCodes: null,
	maxYear: 2027
};

const good = {
	indicator: '选人用人公信度',
	region_code: '990800',
	year: '2011',
	value: '84.36',
	rank: '4',
	peers: '17',
	source: '全国组织工作满意度民意调查'
};

describe('mapImportHeaders', () => {
	it('accepts Chinese and English headers in any order and ignores extra columns', () => {
		expect(mapImportHeaders(['年度', 'Region_Code', '地区名称', 'indicator', '数值'])).toEqual({
			keys: ['year', 'region_code', null, 'indicator', 'value'],
			missing: []
		});
	});

	it('lists the required columns a header row lacks', () => {
		expect(mapImportHeaders(['排名', 'peers']).missing).toEqual([
			'indicator',
			'region_code',
			'year',
			'value'
		]);
	});
});

describe('parseDecimalText', () => {
	it('keeps decimals exactly as typed and drops percent signs and thousands separators', () => {
		expect(parseDecimalText(' 84.36 ')).toBe('84.36');
		expect(parseDecimalText('98.49%')).toBe('98.49');
		expect(parseDecimalText('1,234.5')).toBe('1234.5');
		expect(parseDecimalText('+3')).toBe('3');
	});

	it('refuses anything that is not plain decimal notation', () => {
		for (const text of ['', 'eighty', '1e3', '84.', '.5', '8 4x', 'NaN']) {
			expect(parseDecimalText(text)).toBeNull();
		}
	});

	it('round-trips every decimal with up to six places', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e9, max: 1e9 }),
				fc.integer({ min: 0, max: 6 }),
				(n, places) => {
					const text = places === 0 ? String(n) : (n / 10 ** places).toFixed(places);
					expect(parseDecimalText(text)).toBe(text);
				}
			)
		);
	});
});

describe('validateImportRow', () => {
	it('turns a good row into a staged record', () => {
		expect(validateImportRow(good, 2, context)).toEqual({
			record: {
				row: 2,
				indicatorKey: 'credibility',
				regionCode: '990800',
				year: 2011,
				value: '84.36',
				rank: 4,
				peers: 17,
				source: '全国组织工作满意度民意调查'
			},
			issues: []
		});
	});

	it('reports every problem of a row at once', () => {
		const result = validateImportRow(
			{ indicator: 'x', region_code: '123', year: '11', value: 'a', rank: '0', peers: '-1' },
			5,
			context
		);
		expect(result.record).toBeNull();
		expect(result.issues.map((i) => i.code)).toEqual([
			'unknown_indicator',
			'unknown_region',
			'bad_year',
			'bad_value',
			'bad_rank',
			'bad_peers'
		]);
	});

	it('refuses a rank greater than the number of peers, and only then', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 400 }),
				fc.integer({ min: 1, max: 400 }),
				(rank, peers) => {
					const result = validateImportRow(
						{ ...good, rank: String(rank), peers: String(peers) },
						2,
						context
					);
					expect(result.issues.some((i) => i.code === 'rank_over_peers')).toBe(rank > peers);
				}
			)
		);
	});

	it('accepts a year written as 2011年 and refuses years past the limit', () => {
		expect(validateImportRow({ ...good, year: '2011年' }, 2, context).record?.year).toBe(2011);
		expect(validateImportRow({ ...good, year: '2028' }, 2, context).issues[0].code).toBe(
			'bad_year'
		);
	});

	it('refuses a known region outside the importer’s scope', () => {
		const scoped = { ...context, scopeCodes: new Set(['990100']) };
		expect(validateImportRow(good, 2, scoped).issues.map((i) => i.code)).toEqual(['out_of_scope']);
	});
});

describe('findDuplicateRows', () => {
	it('flags the second row for the same indicator, region and year, naming the first', () => {
		const first = validateImportRow(good, 2, context).record!;
		const second = { ...first, row: 9, value: '85' };
		expect(findDuplicateRows([first, second])).toEqual([
			{ row: 9, column: null, code: 'duplicate_row', params: { first: 2 } }
		]);
	});
});

describe('validateImportSheet', () => {
	it('reports an empty file and a file without the required headers', () => {
		const headers = ['指标', '区划代码', '年度', '数值'];
		expect(validateImportSheet({ headers, headerRow: 1, rows: [] }, context).issues[0].code).toBe(
			'empty_file'
		);
		const missing = validateImportSheet({ headers: ['指标'], headerRow: 3, rows: [] }, context);
		expect(missing.issues.map((i) => [i.row, i.code])).toEqual([
			[3, 'missing_column'],
			[3, 'missing_column'],
			[3, 'missing_column']
		]);
	});
});

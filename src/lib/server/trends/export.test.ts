import { describe, expect, it } from 'vitest';
import { cityData } from '$lib/charts/options/fixtures';
import type { Dashboard } from './dashboard';
import { exportRows, sourceText, toCsv, type ExportHeaders, type SourceWords } from './export';

describe('toCsv', () => {
	it('starts with a byte-order mark, quotes separators and neutralises formulas', () => {
		const csv = toCsv(
			['地区', '数值'],
			[
				['济川市, 北', '84.36'],
				['=HYPERLINK("x")', '-1.5'],
				[null, 4]
			]
		);
		expect(csv).toBe(
			'\uFEFF地区,数值\r\n"济川市, 北",84.36\r\n"\'=HYPERLINK(""x"")",-1.5\r\n,4\r\n'
		);
	});
});

const words: SourceWords = {
	file: (file) => `导入文件“${file}”`,
	unrecorded: '未记录来源',
	campaign: (id, title) => (title ? `评议活动 #${id}：${title}` : `评议活动 #${id}`)
};
const headers = Object.fromEntries(
	[
		'code',
		'region',
		'year',
		'value',
		'rank',
		'peers',
		'source',
		'origin',
		'count',
		'change',
		'unit',
		'period',
		'campaign'
	].map((key) => [key, key])
) as unknown as ExportHeaders;

describe('sourceText', () => {
	const data = {
		documents: [
			{ title: '演示数据（虚构）', file: null },
			{ title: null, file: 'a.xlsx' }
		]
	};
	const base = { regionId: 1, year: 2011, value: '1', rank: null, peers: null };

	it('gives an imported value’s document as stored, else its file, else says none was recorded', () => {
		const imported = { ...base, source: 'imported' as const };
		expect(sourceText({ ...imported, document: 0 }, data, words, new Map())).toBe(
			'演示数据（虚构）'
		);
		expect(sourceText({ ...imported, document: 1 }, data, words, new Map())).toBe(
			'导入文件“a.xlsx”'
		);
		expect(sourceText(imported, data, words, new Map())).toBe('未记录来源');
	});

	it('gives a computed value’s campaign with its title', () => {
		const computed = { ...base, source: 'computed' as const, campaignId: 12 };
		expect(sourceText(computed, data, words, new Map([[12, '2025年满意度调查']]))).toBe(
			'评议活动 #12：2025年满意度调查'
		);
		expect(sourceText(computed, data, words, new Map())).toBe('评议活动 #12');
	});
});

describe('exportRows', () => {
	it('writes each value’s source document in the source column and imported or computed beside it', () => {
		const dashboard = {
			data: cityData,
			filters: { toYear: 2011 },
			unitScores: null
		} as unknown as Dashboard;
		const table = exportRows(dashboard, 'ranks', headers, { words, campaignTitles: new Map() });
		expect(table?.headers.slice(-2)).toEqual(['source', 'origin']);
		expect(table?.rows).toContainEqual([
			'990800',
			'济川市',
			2011,
			'84.36',
			4,
			17,
			'全国组织工作满意度民意调查',
			'imported'
		]);
	});
});

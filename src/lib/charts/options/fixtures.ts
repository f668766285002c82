import type { TrendData } from './types';

/** 济川市 and one other city over 2009–2011, as the Jining document reports the move 17 → 9 → 4. */
export const cityData: TrendData = {
	indicator: {
		key: 'credibility',
		name: '选人用人公信度',
		unit: 'score',
		precision: 2,
		higherIsBetter: true
	},
	years: [2009, 2010, 2011],
	regions: [
		{ id: 1, code: '990100', name: '岱阳市' },
		{ id: 8, code: '990800', name: '济川市' }
	],
	points: [
		{
			regionId: 1,
			year: 2009,
			value: '80.10',
			rank: 3,
			peers: 17,
			source: 'imported',
			document: 0
		},
		{
			regionId: 1,
			year: 2011,
			value: '86.00',
			rank: 1,
			peers: 17,
			source: 'imported',
			document: 0
		},
		{
			regionId: 8,
			year: 2009,
			value: '71.02',
			rank: 17,
			peers: 17,
			source: 'imported',
			document: 0
		},
		{
			regionId: 8,
			year: 2010,
			value: '78.93',
			rank: 9,
			peers: 17,
			source: 'imported',
			document: 0
		},
		{ regionId: 8, year: 2011, value: '84.36', rank: 4, peers: 17, source: 'imported', document: 0 }
	],
	averages: [
		{ year: 2009, value: '76.5000000000000000', count: 17 },
		{ year: 2010, value: '79.1', count: 17 },
		{ year: 2011, value: '82.2', count: 17 }
	],
	documents: [{ title: '全国组织工作满意度民意调查', file: null }],
	averageLabel: '齐岳省平均'
};

export const labels = { value: '数值', rank: '排名', year: '年度', noData: '无数据' };

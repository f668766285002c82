import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cadreLevelWords,
	findDuplicateCodes,
	locateHeader,
	mapHeaders,
	matchWord,
	normalizeDate,
	normalizeMonth,
	parentLevelOf,
	referenceColumns,
	regionLevels,
	regionLevelWords,
	unitKindWords,
	validateRow,
	type RawRow,
	type ReferenceEntity
} from './reference-import';

const codeArb = fc.stringMatching(/^[A-Z0-9][A-Z0-9_-]{0,11}$/);
const nameArb = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z][\u4e00-\u9fa5A-Za-z ]{0,20}[^\s]$/);
const wordOf = (words: Record<string, readonly string[]>) =>
	fc.constantFrom(...Object.entries(words).flatMap(([value, spellings]) => [value, ...spellings]));

const regionRowArb: fc.Arbitrary<RawRow> = fc
	.record({ code: codeArb, name: nameArb, level: wordOf(regionLevelWords), parent: codeArb })
	.map(({ code, name, level, parent }) => {
		const isProvince = level === 'province' || level === '省' || level === '省级';
		return { code, name, level, parent_code: isProvince ? '' : parent };
	});

const unitRowArb: fc.Arbitrary<RawRow> = fc
	.record({ code: codeArb, name: nameArb, kind: wordOf(unitKindWords), region: codeArb })
	.chain((row) =>
		fc.record({
			code: fc.constant(row.code),
			name: fc.constant(row.name),
			kind: fc.constant(row.kind),
			region_code: fc.constant(row.region),
			parent_unit_code: ['service_window', '服务窗口', '窗口', 'window', 'service window'].includes(
				row.kind
			)
				? codeArb
				: fc.constant('')
		})
	);

const cadreRowArb: fc.Arbitrary<RawRow> = fc.record({
	code: codeArb,
	name: nameArb,
	unit_code: codeArb,
	position: nameArb,
	level: wordOf(cadreLevelWords),
	mid_level: fc.constantFrom('是', '否', 'yes', 'no', ''),
	heads_unit: fc.constantFrom('是', '否', 'yes', 'no', ''),
	birth_month: fc.constantFrom('1975-03', '1980年12月', '1969/7', ''),
	appointed_on: fc.constantFrom('2020-01-05', '2019/3/1', '2018年11月30日', '')
});

const rowArbs: Record<ReferenceEntity, fc.Arbitrary<RawRow>> = {
	region: regionRowArb,
	unit: unitRowArb,
	cadre: cadreRowArb
};

describe('validating one reference row', () => {
	for (const entity of ['region', 'unit', 'cadre'] as const) {
		it(`never reports a problem with a well-formed ${entity} row`, () => {
			fc.assert(
				fc.property(rowArbs[entity], (raw) => {
					expect(validateRow(entity, raw, 2).issues).toEqual([]);
				})
			);
		});

		it(`always reports a ${entity} row with a blank required cell, naming that column`, () => {
			const required = referenceColumns[entity].filter((col) => col.required).map((c) => c.key);
			fc.assert(
				fc.property(
					rowArbs[entity],
					fc.constantFrom(...required),
					fc.constantFrom('', '  ', '\t'),
					(raw, key, blank) => {
						const result = validateRow(entity, { ...raw, [key]: blank }, 7);
						expect(result.record).toBeNull();
						expect(result.issues).toContainEqual({
							row: 7,
							column: key,
							code: 'required',
							params: {}
						});
					}
				)
			);
		});
	}

	it('turns Chinese words into the stored values', () => {
		const result = validateRow(
			'cadre',
			{
				code: 'C001',
				name: '张三',
				unit_code: 'U01',
				position: '科长',
				level: '科级',
				mid_level: '是',
				heads_unit: '否',
				birth_month: '1975年3月',
				appointed_on: '2020/1/5'
			},
			2
		);
		expect(result.record).toEqual({
			code: 'C001',
			name: '张三',
			unitCode: 'U01',
			position: '科长',
			level: 'section',
			midLevel: true,
			headsUnit: false,
			birthMonth: '1975-03',
			appointedOn: '2020-01-05'
		});
	});

	it('names each bad cell with its value', () => {
		const result = validateRow(
			'region',
			{ code: 'has space', name: '某市', level: '大区', parent_code: '' },
			4
		);
		expect(result.issues).toEqual([
			{ row: 4, column: 'code', code: 'invalid_code', params: { value: 'has space' } },
			{ row: 4, column: 'level', code: 'invalid_level', params: { value: '大区' } }
		]);
	});

	it('refuses a parent on a province and requires one below it', () => {
		const province = validateRow(
			'region',
			{ code: 'P', name: '省', level: '省', parent_code: 'X' },
			2
		);
		expect(province.issues.map((i) => i.code)).toEqual(['province_has_parent']);
		const city = validateRow('region', { code: 'C', name: '市', level: 'city' }, 3);
		expect(city.issues.map((i) => i.code)).toEqual(['parent_required']);
	});

	it('requires a parent unit for a service window and only for one', () => {
		const window = validateRow(
			'unit',
			{ code: 'W', name: '窗口', kind: '服务窗口', region_code: 'R' },
			2
		);
		expect(window.issues.map((i) => i.code)).toEqual(['window_needs_parent']);
		const department = validateRow(
			'unit',
			{ code: 'D', name: '局', kind: '部门', region_code: 'R', parent_unit_code: 'X' },
			3
		);
		expect(department.issues.map((i) => i.code)).toEqual(['parent_only_for_windows']);
	});

	it('rejects over-long names', () => {
		const result = validateRow('region', { code: 'P', name: '长'.repeat(101), level: '省' }, 2);
		expect(result.issues).toEqual([
			{ row: 2, column: 'name', code: 'too_long', params: { max: 100 } }
		]);
	});
});

describe('dates and months', () => {
	it('accepts the usual spellings and rejects impossible dates', () => {
		expect(normalizeDate('2021-02-28')).toBe('2021-02-28');
		expect(normalizeDate('2021-02-30')).toBeNull();
		expect(normalizeDate('2020年2月29日')).toBe('2020-02-29');
		expect(normalizeDate('yesterday')).toBeNull();
		expect(normalizeMonth('1975-13')).toBeNull();
		expect(normalizeMonth('1975-03-01')).toBe('1975-03');
	});

	it('round-trips every valid date it writes', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31') }), (d) => {
				fc.pre(!Number.isNaN(d.getTime()));
				const iso = d.toISOString().slice(0, 10);
				expect(normalizeDate(iso)).toBe(iso);
				expect(normalizeMonth(iso.slice(0, 7))).toBe(iso.slice(0, 7));
			})
		);
	});
});

describe('the header row', () => {
	it('accepts Chinese and English headers in any order', () => {
		const { keys, issues } = mapHeaders('unit', [
			'region_code',
			'名称',
			'Code',
			'类型',
			'Parent unit code'
		]);
		expect(issues).toEqual([]);
		expect(keys).toEqual(['region_code', 'name', 'code', 'kind', 'parent_unit_code']);
	});

	it('reports missing and repeated columns on row 1', () => {
		const { issues } = mapHeaders('region', ['代码', 'code', '备注', '层级']);
		expect(issues).toEqual([
			{ row: 1, column: 'code', code: 'duplicate_column', params: {} },
			{ row: 1, column: 'name', code: 'missing_column', params: {} }
		]);
	});

	it('leaves out 序号, 备注 and other unknown columns with a warning, not a refusal', () => {
		const headers = ['序号', '工号', '姓名', '单位代码', '职务', '级别', '备注', ' 联系电话 '];
		const { keys, issues, warnings } = mapHeaders('cadre', headers);
		expect(issues).toEqual([]);
		expect(keys).toEqual([null, 'code', 'name', 'unit_code', 'position', 'level', null, null]);
		expect(warnings.map((warning) => [warning.code, warning.params.header])).toEqual([
			['ignored_column', '序号'],
			['ignored_column', '备注'],
			['ignored_column', '联系电话']
		]);
	});

	it('never refuses a file for extra columns (property)', () => {
		const extraArb = fc.constantFrom('序号', '备注', '联系电话', '身份证号', '说明', 'No.');
		fc.assert(
			fc.property(
				fc.constantFrom(...(['region', 'unit', 'cadre'] as ReferenceEntity[])),
				fc.array(extraArb, { maxLength: 4 }),
				fc.nat(),
				(entity, extras, seed) => {
					const headers = referenceColumns[entity].map((col) => col.zh);
					for (const [i, extra] of extras.entries())
						headers.splice((seed + i) % (headers.length + 1), 0, extra);
					const { issues, warnings } = mapHeaders(entity, headers);
					expect(issues).toEqual([]);
					expect(warnings).toHaveLength(extras.length);
				}
			)
		);
	});
});

describe('finding the header row', () => {
	const cadreHeader = ['序号', '工号', '姓名', '单位代码', '职务', '级别', '备注'];
	const line = (row: number, cells: string[]) => ({ row, cells });

	it('skips a merged title row and a date line above the header', () => {
		const title = Array<string>(7).fill('洙西区科级干部名册');
		const lines = [
			line(1, title),
			line(2, ['', '', '', '', '', '填报日期：2026年3月1日', '']),
			line(3, cadreHeader),
			line(4, ['1', 'C-001', '王芳', 'U-TAX', '局长', '正科级', ''])
		];
		const found = locateHeader('cadre', lines);
		expect(found.header?.row).toBe(3);
		expect(found.skipped.map((l) => l.row)).toEqual([1, 2]);
		expect(found.rows.map((l) => l.row)).toEqual([4]);
	});

	it('takes the first line when it is the header, whatever follows (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...(['region', 'unit', 'cadre'] as ReferenceEntity[])),
				fc.array(fc.array(fc.string(), { maxLength: 6 }), { maxLength: 12 }),
				(entity, data) => {
					const header = referenceColumns[entity].map((col) => col.key);
					const lines = [header, ...data].map((cells, i) => line(i + 1, cells));
					const found = locateHeader(entity, lines);
					expect(found.header?.row).toBe(1);
					expect(found.rows).toHaveLength(data.length);
				}
			)
		);
	});

	it('falls back to the first line when no line names a column', () => {
		const found = locateHeader('unit', [line(1, ['甲']), line(2, ['乙'])]);
		expect(found.header?.row).toBe(1);
		expect(found.skipped).toEqual([]);
	});
});

describe('cadre rank words', () => {
	it('maps 正/副 ranks onto the two levels the model keeps', () => {
		for (const word of ['处级', '正处级', '副处级', '县处级', '正县级', '副县级'])
			expect(matchWord(cadreLevelWords, word)).toBe('county');
		for (const word of ['科级', '正科级', '副科级', '乡科级', ' 副科级 '])
			expect(matchWord(cadreLevelWords, word)).toBe('section');
		expect(matchWord(cadreLevelWords, '厅级')).toBeUndefined();
	});
});

describe('the rest', () => {
	it('flags every repeat of a code with the row that used it first', () => {
		const issues = findDuplicateCodes([
			{ row: 2, code: 'A' },
			{ row: 3, code: 'B' },
			{ row: 4, code: 'A' }
		]);
		expect(issues).toEqual([
			{ row: 4, column: 'code', code: 'duplicate_in_file', params: { code: 'A', first: 2 } }
		]);
	});

	it('puts every level but the province directly under the one above it', () => {
		expect(regionLevels.map(parentLevelOf)).toEqual([null, 'province', 'city', 'district']);
	});
});

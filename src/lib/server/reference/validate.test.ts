import { describe, expect, it } from 'vitest';
import type { ImportErrorCode } from '$lib/domain/reference-import';
import { describeIssue } from './messages';
import {
	entityFromPlural,
	MAX_UPLOAD_BYTES,
	parseId,
	parseRecordForm,
	parseUnitListQuery,
	parseUploadForm
} from './validate';

function formOf(fields: Record<string, string | File>): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	return form;
}

describe('reference form parsing', () => {
	it('parses a cadre form, reading an unticked box as no', () => {
		const result = parseRecordForm(
			'cadre',
			formOf({ code: 'C1', name: '张三', unit_code: 'U1', position: '科长', level: 'section' })
		);
		expect(result).toMatchObject({
			ok: true,
			record: { midLevel: false, headsUnit: false, birthMonth: null }
		});
		const ticked = parseRecordForm(
			'cadre',
			formOf({
				code: 'C1',
				name: '张三',
				unit_code: 'U1',
				position: '科长',
				level: 'section',
				mid_level: 'on',
				heads_unit: 'on'
			})
		);
		expect(ticked).toMatchObject({ ok: true, record: { midLevel: true, headsUnit: true } });
	});

	it('echoes what was typed when a region form is bad', () => {
		const result = parseRecordForm('region', formOf({ code: 'X 1', name: '', level: 'city' }));
		expect(result.ok).toBe(false);
		expect(result.values).toEqual({ code: 'X 1', name: '', level: 'city', parent_code: '' });
		if (!result.ok) {
			expect(result.issues.map((i) => i.code)).toEqual([
				'invalid_code',
				'required',
				'parent_required'
			]);
		}
	});

	it('accepts only positive whole-number ids', () => {
		expect(parseId('12')).toBe(12);
		for (const bad of ['0', '-1', '1.5', 'abc', '99999999999', undefined]) {
			expect(parseId(bad)).toBeNull();
		}
	});

	it('falls back to defaults for nonsense list parameters', () => {
		const query = parseUnitListQuery(
			new URLSearchParams('q=%20局%20&kind=castle&page=-3&archived=1')
		);
		expect(query).toEqual({
			search: '局',
			includeArchived: true,
			page: 1,
			kind: null,
			regionCode: null
		});
	});

	it('maps URL segments to entities', () => {
		expect(entityFromPlural('units')).toBe('unit');
		expect(entityFromPlural('people')).toBeNull();
	});
});

describe('upload parsing', () => {
	const file = (size: number, name: string) => new File([new Uint8Array(size)], name);

	it('accepts an .xlsx with its options', async () => {
		const result = await parseUploadForm(
			formOf({ entity: 'unit', file: file(10, 'units.XLSX'), skip_bad_rows: 'on' })
		);
		expect(result).toMatchObject({
			ok: true,
			entity: 'unit',
			fileName: 'units.XLSX',
			skipBadRows: true
		});
	});

	it('names what is wrong with an upload', async () => {
		const cases: [Record<string, string | File>, string][] = [
			[{ entity: 'people', file: file(10, 'a.csv') }, 'entity'],
			[{ entity: 'unit' }, 'no_file'],
			[{ entity: 'unit', file: file(0, 'a.csv') }, 'no_file'],
			[{ entity: 'unit', file: file(MAX_UPLOAD_BYTES + 1, 'a.csv') }, 'too_large'],
			[{ entity: 'unit', file: file(10, 'a.pdf') }, 'extension']
		];
		for (const [fields, problem] of cases) {
			expect(await parseUploadForm(formOf(fields))).toMatchObject({ ok: false, problem });
		}
	});
});

describe('issue messages', () => {
	it('words an issue with the column label and localized level names', () => {
		const described = describeIssue('region', {
			row: 5,
			column: 'parent_code',
			code: 'parent_wrong_level',
			params: { code: 'B00', level: 'province', expected: 'city' }
		});
		expect(described).toEqual({
			row: 5,
			key: 'parent_code',
			column: '上级代码',
			message: '上级区划 B00 是省级，而该层级的上级应为市级'
		});
	});

	it('has a complete sentence for every issue code', () => {
		const codes: ImportErrorCode[] = [
			'required',
			'too_long',
			'invalid_code',
			'invalid_level',
			'invalid_kind',
			'invalid_cadre_level',
			'invalid_boolean',
			'invalid_month',
			'invalid_date',
			'province_has_parent',
			'parent_required',
			'window_needs_parent',
			'parent_only_for_windows',
			'duplicate_in_file',
			'missing_column',
			'unknown_column',
			'duplicate_column',
			'empty_file',
			'too_many_rows',
			'parent_not_found',
			'parent_archived',
			'parent_wrong_level',
			'parent_row_invalid',
			'region_not_found',
			'region_archived',
			'unit_not_found',
			'unit_archived',
			'parent_unit_not_found',
			'parent_unit_archived',
			'parent_unit_is_window',
			'level_change_has_children',
			'kind_change_has_windows',
			'code_taken',
			'concurrent_change'
		];
		const params = {
			value: 'X',
			max: 9,
			code: 'C',
			first: 2,
			header: 'H',
			count: 3,
			row: 4,
			level: 'city',
			expected: 'province'
		};
		for (const code of codes) {
			const { message } = describeIssue('cadre', { row: 2, column: 'name', code, params });
			expect(message).not.toMatch(/[{}]|undefined/);
			expect(message.length).toBeGreaterThan(4);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { csvOf, regionRows, xlsxOf } from '../../../../test/fixtures/reference/sheets';
import { readSpreadsheet, SpreadsheetError, writeSpreadsheet } from './spreadsheet';

describe('reading spreadsheets', () => {
	it('reads an XLSX as text, keeping leading zeros and turning dates into ISO days', async () => {
		const bytes = await xlsxOf([
			['代码', '日期', '数字'],
			['0101', new Date(Date.UTC(2020, 0, 5)), 370800],
			[null, null, null],
			['0102', '2021/7/15', 1.5]
		]);
		const sheet = await readSpreadsheet(bytes);
		expect(sheet.headers).toEqual(['代码', '日期', '数字']);
		expect(sheet.rows).toEqual([
			{ row: 2, cells: ['0101', '2020-01-05', '370800'] },
			{ row: 4, cells: ['0102', '2021/7/15', '1.5'] }
		]);
	});

	it('reads a UTF-8 CSV with a byte-order mark without turning codes into numbers', async () => {
		const sheet = await readSpreadsheet(csvOf(regionRows('0')));
		expect(sheet.headers).toEqual(['代码', '名称', '层级', '上级代码']);
		expect(sheet.rows[0]).toEqual({ row: 2, cells: ['000', '0省', '省', ''] });
		expect(sheet.rows).toHaveLength(4);
	});

	it('keeps commas and quotes inside quoted CSV cells', async () => {
		const sheet = await readSpreadsheet(csvOf([['name'], ['甲, "乙"']]));
		expect(sheet.rows[0].cells).toEqual(['甲, "乙"']);
	});

	it('refuses a CSV that is not UTF-8, naming the encoding as the reason', async () => {
		// "代码" in GBK.
		const gbk = new Uint8Array([0xb4, 0xfa, 0xc2, 0xeb, 0x0a]);
		await expect(readSpreadsheet(gbk)).rejects.toEqual(new SpreadsheetError('encoding'));
	});

	it('refuses a damaged XLSX and a legacy XLS', async () => {
		const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
		await expect(readSpreadsheet(broken)).rejects.toEqual(new SpreadsheetError('unreadable'));
		const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]);
		await expect(readSpreadsheet(xls)).rejects.toEqual(new SpreadsheetError('xls'));
	});
});

describe('writing spreadsheets', () => {
	const headers = ['代码', '名称'];
	const rows = [
		['0101', '东区'],
		['=1+1', '带,逗号"和引号']
	];

	for (const format of ['xlsx', 'csv'] as const) {
		it(`reads back exactly what it wrote as ${format}`, async () => {
			const bytes = await writeSpreadsheet(format, 'region', headers, rows);
			const sheet = await readSpreadsheet(bytes);
			expect(sheet.headers).toEqual(headers);
			expect(sheet.rows.map((r) => r.cells)).toEqual(rows);
		});
	}
});

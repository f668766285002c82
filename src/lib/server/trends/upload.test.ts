import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, parseBatchId, parseTrendUpload } from './upload';

function formWith(file?: File): FormData {
	const form = new FormData();
	if (file) form.set('file', file);
	return form;
}

describe('parseTrendUpload', () => {
	it('accepts an XLSX or CSV file and refuses a missing, empty, oversized or other file', async () => {
		expect(await parseTrendUpload(formWith(new File(['a'], 'figures.xlsx')))).toMatchObject({
			ok: true,
			fileName: 'figures.xlsx'
		});
		expect(await parseTrendUpload(formWith())).toEqual({ ok: false, problem: 'no_file' });
		expect(await parseTrendUpload(formWith(new File([], 'empty.csv')))).toEqual({
			ok: false,
			problem: 'no_file'
		});
		expect(await parseTrendUpload(formWith(new File(['a'], 'figures.xls')))).toEqual({
			ok: false,
			problem: 'extension'
		});
		const big = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'big.csv');
		expect(await parseTrendUpload(formWith(big))).toEqual({ ok: false, problem: 'too_large' });
	});
});

describe('parseBatchId', () => {
	it('reads positive whole numbers only', () => {
		expect(parseBatchId('12')).toBe(12);
		for (const bad of [null, '', '0', '-1', '1.5', 'x', '12345678901'])
			expect(parseBatchId(bad)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import {
	parseDrawText,
	parsePublicValue,
	parsePublicValueSource,
	publicValueMax,
	publicValueSourceMax
} from './jury-draw-inputs';

describe('texts typed around a draw', () => {
	it('trims the declared source and the public value', () => {
		expect(
			parsePublicValueSource('  福彩3D 第2026320期开奖号码（2026-11-25 21:15 公布） ')
		).toEqual({
			ok: true,
			value: '福彩3D 第2026320期开奖号码（2026-11-25 21:15 公布）'
		});
		expect(parsePublicValue('\t 2026320 ')).toEqual({ ok: true, value: '2026320' });
	});

	it('refuses an empty, blank or missing text', () => {
		for (const raw of ['', '   ', '\u3000', null, undefined, 42])
			expect(parsePublicValue(raw)).toMatchObject({ ok: false, problem: 'missing' });
		expect(parsePublicValueSource(' ')).toMatchObject({ ok: false, problem: 'missing' });
	});

	it('counts characters, not UTF-16 units, against the bound', () => {
		expect(parsePublicValueSource('评'.repeat(publicValueSourceMax))).toMatchObject({ ok: true });
		expect(parsePublicValueSource('评'.repeat(publicValueSourceMax + 1))).toEqual({
			ok: false,
			problem: 'too_long',
			max: publicValueSourceMax,
			length: publicValueSourceMax + 1
		});
		expect(parseDrawText('𠀀'.repeat(3), 3)).toMatchObject({ ok: true });
		expect(parsePublicValue('9'.repeat(publicValueMax + 1))).toMatchObject({
			ok: false,
			problem: 'too_long'
		});
	});

	it('refuses line breaks and other control characters inside the text', () => {
		for (const raw of ['2026\n320', '2026\u0000', '福彩\u2028第1期'])
			expect(parseDrawText(raw, 100)).toMatchObject({ ok: false, problem: 'control' });
	});
});

import { describe, expect, it } from 'vitest';
import { toCsv } from './export';

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

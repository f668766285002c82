import { describe, expect, it } from 'vitest';
import { describeJuryError } from './messages';
import { JuryError } from './types';

describe('jury refusals', () => {
	it('names the numbers before and after a refused appointment', () => {
		const error = new JuryError('composition_rule', {
			beforeCounted: 8,
			beforeTotal: 10,
			afterCounted: 8,
			afterTotal: 11,
			num: 80,
			den: 100
		});
		const text = describeJuryError(error);
		expect(text).toContain('80%');
		expect(text).toContain('8/10');
		expect(text).toContain('8/11（72.7%）');
	});

	it('says how many jurors a draw needs and how many are eligible', () => {
		const text = describeJuryError(new JuryError('too_few_counted', { needed: 8, available: 5 }));
		expect(text).toContain('8');
		expect(text).toContain('5');
	});
});

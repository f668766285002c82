import { describe, expect, it } from 'vitest';
import { applyQuestionEdit, parseTierWeights } from './campaign-edit';
import type { QuestionScale } from './campaign-scale';
import { scales } from './campaign-templates';

const satisfied: QuestionScale = { type: 'choice', options: scales.satisfied4 };
const allOptions = (value: number | null, excluded = false) =>
	Object.fromEntries(scales.satisfied4.map((o) => [o.key, { value, excluded }]));

describe('retuning a draft question', () => {
	it('changes points and exclusions but never keys or labels', () => {
		const options = { ...allOptions(50), unknown: { value: null, excluded: true } };
		const result = applyQuestionEdit(satisfied, { required: true, options });
		expect(result.ok).toBe(true);
		if (result.ok && result.scale.type === 'choice') {
			expect(result.scale.options.map((o) => o.label.zh)).toEqual([
				'满意',
				'基本满意',
				'不满意',
				'不了解'
			]);
			expect(result.scale.options.map((o) => o.value)).toEqual([50, 50, 50, null]);
		}
	});

	it('refuses fractional or negative points, a missing option, and excluding everything', () => {
		expect(applyQuestionEdit(satisfied, { required: true, options: allOptions(7.5) })).toEqual({
			ok: false,
			refusal: 'value'
		});
		expect(applyQuestionEdit(satisfied, { required: true, options: allOptions(-1) })).toEqual({
			ok: false,
			refusal: 'value'
		});
		const { unknown: _dropped, ...three } = allOptions(10);
		expect(applyQuestionEdit(satisfied, { required: true, options: three })).toEqual({
			ok: false,
			refusal: 'options'
		});
		expect(applyQuestionEdit(satisfied, { required: true, options: allOptions(10, true) })).toEqual(
			{ ok: false, refusal: 'options' }
		);
	});

	it('moves a score range only when it stays a range', () => {
		const score: QuestionScale = { type: 'score', min: 0, max: 100 };
		expect(applyQuestionEdit(score, { required: true, range: { min: 60, max: 100 } })).toEqual({
			ok: true,
			scale: { type: 'score', min: 60, max: 100 }
		});
		expect(applyQuestionEdit(score, { required: true, range: { min: 100, max: 100 } })).toEqual({
			ok: false,
			refusal: 'range'
		});
	});

	it('reads tier weights as whole percentages', () => {
		const form: Record<number, string> = { 1: '30', 2: '30', 3: '40' };
		expect(parseTierWeights([1, 2, 3], (id) => form[id])).toEqual(
			new Map([
				[1, 30],
				[2, 30],
				[3, 40]
			])
		);
		expect(parseTierWeights([1], () => '33.3')).toBeNull();
		expect(parseTierWeights([1], () => '')).toBeNull();
		expect(parseTierWeights([1], () => '101')).toBeNull();
	});
});

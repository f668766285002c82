import { describe, expect, it } from 'vitest';
import { fromInt, rational } from './rational';
import {
	competenceScale,
	goodPoorScale,
	nationalSurveyScale,
	resolveOptionKeys,
	scaleTemplates,
	validateScale,
	type ChoiceScale
} from './scale';

describe('answer scales', () => {
	it('ships the national survey scale with 100/80/60/30/0 and 不了解 excluded', () => {
		const scale = nationalSurveyScale();
		expect(scale.options.map((option) => option.value)).toEqual([
			fromInt(100),
			fromInt(80),
			fromInt(60),
			fromInt(30),
			fromInt(0),
			null
		]);
		expect(
			scale.options.filter((option) => option.excluded).map((option) => option.label.zh)
		).toEqual(['不了解']);
	});

	it('marks the 好/较好/一般/差 points as an inference', () => {
		const scale = goodPoorScale();
		expect(scale.provenance?.kind).toBe('inference');
		expect(scale.options.map((option) => option.label.zh)).toEqual([
			'好',
			'较好',
			'一般',
			'差',
			'不了解'
		]);
	});

	it('takes configurable competence values, including decimals, exactly', () => {
		const scale = competenceScale({
			excellent: 95,
			competent: 80,
			basicallyCompetent: 65,
			incompetent: 55.5
		});
		expect(scale.options[3].value).toEqual(rational(111, 2));
		expect(competenceScale(undefined, true).options.at(-1)).toMatchObject({
			key: 'abstain',
			excluded: true
		});
	});

	it('validates every template and resolves named option sets', () => {
		for (const make of Object.values(scaleTemplates)) {
			const scale = make();
			if (scale.kind === 'choice') expect(() => validateScale(scale)).not.toThrow();
			else expect(scale.max).toEqual(fromInt(100));
		}
		expect(resolveOptionKeys(competenceScale(), 'belowCompetent')).toEqual([
			'basically_competent',
			'incompetent'
		]);
	});

	it('rejects unknown sets, unknown options, repeated keys and scales with no valid answer', () => {
		const scale = nationalSurveyScale();
		expect(() => resolveOptionKeys(scale, 'nope')).toThrow(/no option set/);
		expect(() => resolveOptionKeys(scale, ['satisfied', 'bogus'])).toThrow(/no option bogus/);
		const repeated: ChoiceScale = { ...scale, options: [...scale.options, scale.options[0]] };
		expect(() => validateScale(repeated)).toThrow(/repeats/);
		const empty: ChoiceScale = { ...scale, options: [scale.options[5]], sets: {} };
		expect(() => validateScale(empty)).toThrow(/no option that counts/);
	});
});

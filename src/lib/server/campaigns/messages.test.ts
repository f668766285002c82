import { afterEach, describe, expect, it } from 'vitest';
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { describeProblems } from './messages';

const defaultGetLocale = getLocale;
afterEach(() => overwriteGetLocale(defaultGetLocale));

const subjects: BallotSubject[] = [
	// The template stores the overall subject's label in Chinese.
	{ id: 1, kind: 'overall', label: '总体评价', detail: null },
	{ id: 2, kind: 'cadre', label: '赵一', detail: null }
];
const questions = [
	{ key: 'best', prompt: { zh: '十佳（最多选 10 人）', en: 'Top ten (pick up to 10)' } },
	{ key: 'grade', prompt: { zh: '总体评价', en: 'Overall grade' } }
] as BallotQuestion[];

describe('problem lines of a refused ballot', () => {
	it('name the overall subject in English on an English page', () => {
		overwriteGetLocale(() => 'en');
		const [line] = describeProblems(
			[{ subjectId: 1, questionKey: 'best', code: 'too_many_picks' }],
			subjects,
			questions
		);
		expect(line.text).toMatch(/^Overall — Top ten \(pick up to 10\)/);
		expect(line.text).not.toMatch(/[\u4e00-\u9fff]/);
		expect(line.fieldId).toBe('q-1-best');
	});

	it('keep a named subject as typed, and the overall subject in Chinese on a Chinese page', () => {
		overwriteGetLocale(() => 'zh-CN');
		const lines = describeProblems(
			[
				{ subjectId: 1, questionKey: 'best', code: 'too_many_picks' },
				{ subjectId: 2, questionKey: 'grade', code: 'missing_answer' }
			],
			subjects,
			questions
		);
		expect(lines.map((l) => l.text)).toEqual([
			'总体评价：十佳（最多选 10 人）：选择的人数超过了上限',
			'赵一：总体评价：请作答'
		]);
	});
});

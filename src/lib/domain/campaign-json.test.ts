import { describe, expect, it } from 'vitest';
import { parseBallotJson } from './campaign-json';

describe('a ballot sent as JSON', () => {
	it('keeps the answers of a well-formed body', () => {
		const body = {
			idempotencyKey: 'k'.repeat(20),
			ballots: [
				{ subjectId: 4, answers: { q: { option: 'good', reason: '…' }, s: { score: 90 } } },
				{ subjectId: 5, answers: { p: { selected: ['1', '2'] }, t: { text: '建议' } } }
			]
		};
		expect(parseBallotJson(body)).toEqual(body);
	});

	it('refuses bodies of the wrong shape', () => {
		const key = 'k'.repeat(20);
		for (const body of [
			null,
			[],
			'ballot',
			{ ballots: [] },
			{ idempotencyKey: key, ballots: {} },
			{ idempotencyKey: key, ballots: [{ subjectId: '4', answers: {} }] },
			{ idempotencyKey: key, ballots: [{ subjectId: 4, answers: { q: 'good' } }] },
			{ idempotencyKey: key, ballots: [{ subjectId: 4, answers: { q: { score: '9' } } }] },
			{ idempotencyKey: key, ballots: [{ subjectId: 4, answers: { q: { selected: [1] } } }] },
			{ idempotencyKey: key, ballots: [{ subjectId: 4, answers: { q: { vote: 'x' } } }] }
		])
			expect(parseBallotJson(body)).toBeNull();
	});
});

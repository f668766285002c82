import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBallot, withoutRecused } from './campaign-ballot';
import type { BallotQuestion, BallotSubject, SubjectKind } from './campaign-scale';
import { recusedSubjects, sameBody, type RecusalSubject } from './recusal';

// 10 组织部, 11 its service window; 20 公安局, 21 and 22 its windows; 30 教育局.
const parentOf = new Map<number, number | null>([
	[10, null],
	[11, 10],
	[20, null],
	[21, 20],
	[22, 20],
	[30, null]
]);
const subjects: RecusalSubject[] = [
	{ id: 1, kind: 'overall', unitId: null },
	{ id: 2, kind: 'unit', unitId: 10 },
	{ id: 3, kind: 'window', unitId: 11 },
	{ id: 4, kind: 'cadre', unitId: 10 },
	{ id: 5, kind: 'team', unitId: 10 },
	{ id: 6, kind: 'unit', unitId: 20 },
	{ id: 7, kind: 'window', unitId: 21 },
	{ id: 8, kind: 'team', unitId: null },
	{ id: 9, kind: 'unit', unitId: 30 }
];

describe('recusedSubjects', () => {
	it("recuses the employer's unit, its windows, its cadres and its leadership team", () => {
		const juror = { employerUnitId: 10, relatedUnitIds: [] };
		expect(recusedSubjects(juror, subjects, parentOf)).toEqual([2, 3, 4, 5]);
	});

	it('recuses a unit the juror declared a conflict with, as for the employer', () => {
		const juror = { employerUnitId: null, relatedUnitIds: [30] };
		expect(recusedSubjects(juror, subjects, parentOf)).toEqual([9]);
	});

	it("recuses a window's staff from their parent unit but not from its other windows", () => {
		const juror = { employerUnitId: 22, relatedUnitIds: [] };
		expect(recusedSubjects(juror, subjects, parentOf)).toEqual([6]);
	});

	it('recuses nobody without an employer or conflicts on record', () => {
		expect(
			recusedSubjects({ employerUnitId: null, relatedUnitIds: [] }, subjects, parentOf)
		).toEqual([]);
	});

	it('never recuses the overall subject or a subject linked to no unit', () => {
		const units = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 });
		fc.assert(
			fc.property(
				fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
				units,
				(e, related) => {
					const out = recusedSubjects(
						{ employerUnitId: e, relatedUnitIds: related },
						subjects,
						parentOf
					);
					expect(out).not.toContain(1);
					expect(out).not.toContain(8);
				}
			)
		);
	});

	it('recuses exactly the subjects whose unit is the same body as one of the juror units', () => {
		const kinds: SubjectKind[] = ['unit', 'window', 'cadre', 'team', 'overall'];
		const subject = fc.record({
			kind: fc.constantFrom(...kinds),
			unitId: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null })
		});
		const tree = fc.array(fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }), {
			minLength: 12,
			maxLength: 12
		});
		fc.assert(
			fc.property(
				fc.array(subject, { maxLength: 20 }),
				tree,
				fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
				fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
				(raw, parents, employer, related) => {
					const list = raw.map((s, i) => ({ id: i + 1, ...s }));
					const parentMap = new Map(parents.map((p, i) => [i + 1, p]));
					const juror = { employerUnitId: employer, relatedUnitIds: related };
					const out = recusedSubjects(juror, list, parentMap);
					const mine = [employer, ...related].filter((u): u is number => u !== null);
					for (const s of list) {
						const expected =
							s.kind !== 'overall' &&
							s.unitId !== null &&
							mine.some((u) => sameBody(s.unitId as number, u, parentMap));
						expect(out.includes(s.id)).toBe(expected);
					}
					// Adding a conflict only ever adds recusals.
					const more = recusedSubjects(
						{ ...juror, relatedUnitIds: [...related, 5] },
						list,
						parentMap
					);
					expect(out.every((id) => more.includes(id))).toBe(true);
				}
			)
		);
	});

	it('treats the same-body relation as symmetric', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (a, b) => {
				expect(sameBody(a, b, parentOf)).toBe(sameBody(b, a, parentOf));
			})
		);
	});
});

const scale = {
	type: 'choice' as const,
	options: [
		{ key: 'yes', label: { zh: '满意', en: 'Satisfied' }, value: 1, excluded: false },
		{ key: 'no', label: { zh: '不满意', en: 'Dissatisfied' }, value: 0, excluded: false }
	]
};
const questions: BallotQuestion[] = [
	{
		id: 1,
		key: 'sat',
		kind: 'choice',
		prompt: { zh: '满意度', en: 'Satisfaction' },
		scale,
		required: true,
		reasonRequiredFor: [],
		appliesTo: ['unit'],
		dimension: null
	}
];
const ballotSubjects: BallotSubject[] = [
	{ id: 2, kind: 'unit', label: '中共济川市委组织部', detail: null },
	{ id: 9, kind: 'unit', label: '济川市教育局', detail: null }
];
const answer = (subjectId: number) => ({ subjectId, answers: { sat: { option: 'yes' } } });

describe('checkBallot with recusals', () => {
	it('accepts a ballot without the recused subject', () => {
		const result = checkBallot([answer(9)], ballotSubjects, questions, [2]);
		expect(result.ok).toBe(true);
	});

	it('refuses a ballot that answers a recused subject, naming it', () => {
		const result = checkBallot([answer(2), answer(9)], ballotSubjects, questions, [2]);
		expect(result).toEqual({ ok: false, problems: [{ code: 'recused_subject', subjectId: 2 }] });
	});

	it('refuses an empty ballot from a rater recused from every subject', () => {
		const result = checkBallot([], ballotSubjects, questions, [2, 9]);
		expect(result).toEqual({ ok: false, problems: [{ code: 'recused_subject' }] });
	});

	it('still expects every subject when nobody is recused', () => {
		expect(checkBallot([answer(9)], ballotSubjects, questions).ok).toBe(false);
		expect(withoutRecused(ballotSubjects, [])).toBe(ballotSubjects);
	});
});

import type { SubjectKind } from './campaign-scale';

/**
 * Recusal (回避): a juror does not evaluate matters concerning their own work unit or a unit
 * they declared a conflict of interest with (the consent on /apply promises it). Pure, so the
 * rule is the same wherever it is applied and can be property-tested.
 */

/** A campaign subject reduced to the unit it concerns. */
export interface RecusalSubject {
	id: number;
	kind: SubjectKind;
	/**
	 * The unit the subject is about: a unit's or a service window's own id, a cadre's unit, the
	 * unit whose leadership team it is; null when it is linked to none (a typed team label that
	 * names no single unit, the overall subject).
	 */
	unitId: number | null;
}

/** The units a juror is tied to: their employer and their declared conflicts (回避关系). */
export interface RecusalJuror {
	employerUnitId: number | null;
	relatedUnitIds: readonly number[];
}

/**
 * Whether a subject's unit and a juror's unit are the same body for recusal: the same unit, or
 * one is a service window of the other. The same family the panel draw excludes (draws.ts):
 * a window's staff do not rate their parent unit, and a unit's staff do not rate its windows.
 */
export function sameBody(
	subjectUnit: number,
	jurorUnit: number,
	parentOf: ReadonlyMap<number, number | null>
): boolean {
	return (
		subjectUnit === jurorUnit ||
		parentOf.get(subjectUnit) === jurorUnit ||
		parentOf.get(jurorUnit) === subjectUnit
	);
}

/**
 * The ids of the subjects this juror is recused from, in the subjects' order. The overall
 * subject (the campaign as a whole) is never recused.
 */
export function recusedSubjects(
	juror: RecusalJuror,
	subjects: readonly RecusalSubject[],
	parentOf: ReadonlyMap<number, number | null>
): number[] {
	const mine = [
		...new Set(
			[juror.employerUnitId, ...juror.relatedUnitIds].filter((id): id is number => id !== null)
		)
	];
	if (mine.length === 0) return [];
	return subjects
		.filter(
			(s) =>
				s.kind !== 'overall' &&
				s.unitId !== null &&
				mine.some((unit) => sameBody(s.unitId as number, unit, parentOf))
		)
		.map((s) => s.id);
}

import type { QuestionScale } from './campaign-scale';

/**
 * Staff may retune a draft's scales before it opens: an option's points, whether it is left out
 * of rates (不了解), a score range, whether an answer is required. Keys and labels stay as the
 * template made them, so ballots and results always speak of the same options.
 */
export interface QuestionEdit {
	required: boolean;
	/** Option key → points (null: no points) and exclusion; for choice scales. */
	options?: Record<string, { value: number | null; excluded: boolean }>;
	/** For score scales. */
	range?: { min: number; max: number };
}

export type EditRefusal = 'value' | 'range' | 'options';

const isPoints = (n: number) => Number.isInteger(n) && n >= 0 && n <= 1000;

/** The question's scale with the edit applied, or why the edit cannot be taken. */
export function applyQuestionEdit(
	scale: QuestionScale,
	edit: QuestionEdit
): { ok: true; scale: QuestionScale } | { ok: false; refusal: EditRefusal } {
	if (scale.type === 'choice' && edit.options) {
		const keys = Object.keys(edit.options);
		if (
			keys.length !== scale.options.length ||
			scale.options.some((o) => !(o.key in edit.options!))
		)
			return { ok: false, refusal: 'options' };
		const options = scale.options.map((o) => ({ ...o, ...edit.options![o.key] }));
		if (options.some((o) => o.value !== null && !isPoints(o.value)))
			return { ok: false, refusal: 'value' };
		if (options.every((o) => o.excluded)) return { ok: false, refusal: 'options' };
		return { ok: true, scale: { ...scale, options } };
	}
	if (scale.type === 'score' && edit.range) {
		const { min, max } = edit.range;
		if (!isPoints(min) || !isPoints(max) || min >= max) return { ok: false, refusal: 'range' };
		return { ok: true, scale: { ...scale, min, max } };
	}
	return { ok: true, scale };
}

/** Tier weights from a form: whole percentages 0–100 for every tier. */
export function parseTierWeights(
	tierIds: number[],
	raw: (id: number) => string
): Map<number, number> | null {
	const weights = new Map<number, number>();
	for (const id of tierIds) {
		const text = raw(id).trim();
		const weight = Number(text);
		if (text === '' || !Number.isInteger(weight) || weight < 0 || weight > 100) return null;
		weights.set(id, weight);
	}
	return weights;
}

/**
 * Answer scales as data. A campaign stores its scale (options, labels, values, which answers are
 * excluded); these templates are only starting points that staff may edit before a campaign opens.
 */
import type { Rational } from './rational';

export interface Label {
	zh: string;
	en: string;
}

export interface ScaleOption {
	key: string;
	label: Label;
	/** Points for weighted scores; null when the option carries no score (e.g. 不了解). */
	value: Rational | null;
	/** Answers such as 不了解 / 弃权 that are dropped from the valid count. */
	excluded: boolean;
}

/** Where a template's numbers come from (see DOMAIN-RULES.md): a source, or our own inference. */
export interface Provenance {
	kind: 'stated' | 'inference';
	note: string;
}

/** Named option sets used by rates and rules, e.g. satisfied = 满意 + 基本满意. */
export type OptionSets = Readonly<Record<string, readonly string[]>>;

export interface ChoiceScale {
	kind: 'choice';
	id: string;
	label: Label;
	options: readonly ScaleOption[];
	sets: OptionSets;
	provenance?: Provenance;
}

export interface NumericScale {
	kind: 'numeric';
	id: string;
	label: Label;
	min: Rational;
	max: Rational;
	provenance?: Provenance;
}

export type AnswerScale = ChoiceScale | NumericScale;

export function findOption(scale: ChoiceScale, key: string): ScaleOption | undefined {
	return scale.options.find((candidate) => candidate.key === key);
}

/** The keys of a named set, or the given keys, each checked against the scale. */
export function resolveOptionKeys(
	scale: ChoiceScale,
	keysOrSet: string | readonly string[]
): string[] {
	const keys = typeof keysOrSet === 'string' ? scale.sets[keysOrSet] : keysOrSet;
	if (!keys) throw new RangeError(`scale ${scale.id} has no option set named ${String(keysOrSet)}`);
	for (const key of keys) {
		if (!findOption(scale, key)) throw new RangeError(`scale ${scale.id} has no option ${key}`);
	}
	return [...new Set(keys)];
}

/** A scale is usable when keys are unique and at least one option counts as valid. */
export function validateScale(scale: ChoiceScale): void {
	const keys = scale.options.map((candidate) => candidate.key);
	if (new Set(keys).size !== keys.length)
		throw new RangeError(`scale ${scale.id} repeats an option key`);
	if (!scale.options.some((candidate) => !candidate.excluded)) {
		throw new RangeError(`scale ${scale.id} has no option that counts as a valid answer`);
	}
	for (const name of Object.keys(scale.sets)) resolveOptionKeys(scale, name);
}

// The built-in templates live beside this file; their module imports only types from here.
export * from './scale-templates';

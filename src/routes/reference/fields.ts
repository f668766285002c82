/**
 * The form fields of each reference entity, in form order. The create and edit pages render them
 * through RecordFields; names are the keys the form posts and the server validates. Labels are
 * message functions so they are read in the request's language when rendered.
 */
import { m } from '$lib/paraglide/messages';
import { cadreLevels, regionLevels, unitKinds } from '$lib/domain/reference-import';
import { cadreLevelLabel, regionLevelLabel, unitKindLabel } from '$lib/domain/reference-labels';

type Label = () => string;

interface TextOptions {
	type?: 'text' | 'date';
	required?: boolean;
	maxlength?: number;
	placeholder?: string;
	/** Shown under the field and linked to it with aria-describedby. */
	hint?: Label;
	hintId?: string;
}

export type FieldSpec =
	| ({ kind: 'text'; name: string; label: Label } & TextOptions)
	| {
			kind: 'choice';
			name: string;
			label: Label;
			options: readonly string[];
			labelOf: Record<string, Label>;
	  }
	| { kind: 'checkbox'; name: string; label: Label };

function text(name: string, label: Label, options: TextOptions = {}): FieldSpec {
	return { kind: 'text', name, label, ...options };
}

/** A required select among the given values. */
function choice<T extends string>(
	name: string,
	label: Label,
	options: readonly T[],
	labelOf: Record<T, Label>
): FieldSpec {
	return { kind: 'choice', name, label, options, labelOf };
}

const required = (maxlength: number): TextOptions => ({ required: true, maxlength });
const code = (label: Label) =>
	text('code', label, { ...required(50), hint: m.reference_hint_code });

export const regionFields: FieldSpec[] = [
	code(m.reference_field_code),
	text('name', m.reference_field_name, required(100)),
	choice('level', m.reference_field_level, regionLevels, regionLevelLabel),
	text('parent_code', m.reference_field_parent_code, {
		maxlength: 50,
		hint: m.reference_hint_parent_code,
		hintId: 'parent-hint'
	})
];

export const unitFields: FieldSpec[] = [
	code(m.reference_field_code),
	text('name', m.reference_field_name, required(100)),
	choice('kind', m.reference_field_kind, unitKinds, unitKindLabel),
	text('region_code', m.reference_field_region_code, required(50)),
	text('parent_unit_code', m.reference_field_parent_unit_code, {
		maxlength: 50,
		hint: m.reference_hint_parent_unit_code
	})
];

export const cadreFields: FieldSpec[] = [
	code(m.reference_field_cadre_code),
	text('name', m.reference_field_cadre_name, required(100)),
	text('unit_code', m.reference_field_unit_code, required(50)),
	text('position', m.reference_field_position, required(100)),
	choice('level', m.reference_field_cadre_level, cadreLevels, cadreLevelLabel),
	{ kind: 'checkbox', name: 'mid_level', label: m.reference_field_mid_level },
	{ kind: 'checkbox', name: 'heads_unit', label: m.reference_field_heads_unit },
	text('birth_month', m.reference_field_birth_month, {
		placeholder: '1975-03',
		hint: m.reference_hint_birth_month
	}),
	text('appointed_on', m.reference_field_appointed_on, { type: 'date' })
];

/**
 * Turns issue codes into sentences in the request's language (Paraglide picks it per request).
 * Also the labels of fields and enum values, which the pages share.
 */
import { m } from '$lib/paraglide/messages';
import type { ImportErrorCode, ReferenceEntity, RegionLevel } from '$lib/domain/reference-import';
import { regionLevelLabel } from '$lib/domain/reference-labels';
import type { ReferenceIssue, ScopeIssueCode } from './scope';

type Params = Record<string, string | number>;

const errorMessages: Record<ImportErrorCode | ScopeIssueCode, (params: Params) => string> = {
	required: (p) => m.reference_error_required(p as { column: string }),
	too_long: (p) => m.reference_error_too_long(p as { column: string; max: number }),
	invalid_code: (p) => m.reference_error_invalid_code(p as { column: string; value: string }),
	invalid_level: (p) => m.reference_error_invalid_level(p as { value: string }),
	invalid_kind: (p) => m.reference_error_invalid_kind(p as { value: string }),
	invalid_cadre_level: (p) => m.reference_error_invalid_cadre_level(p as { value: string }),
	invalid_boolean: (p) => m.reference_error_invalid_boolean(p as { column: string; value: string }),
	invalid_month: (p) => m.reference_error_invalid_month(p as { column: string; value: string }),
	invalid_date: (p) => m.reference_error_invalid_date(p as { column: string; value: string }),
	province_has_parent: () => m.reference_error_province_has_parent(),
	parent_required: () => m.reference_error_parent_required(),
	window_needs_parent: () => m.reference_error_window_needs_parent(),
	parent_only_for_windows: () => m.reference_error_parent_only_for_windows(),
	duplicate_in_file: (p) =>
		m.reference_error_duplicate_in_file(p as { code: string; first: number }),
	missing_column: (p) => m.reference_error_missing_column(p as { column: string }),
	unknown_column: (p) => m.reference_error_unknown_column(p as { header: string }),
	duplicate_column: (p) => m.reference_error_duplicate_column(p as { column: string }),
	ignored_column: (p) => m.reference_warning_ignored_column(p as { header: string }),
	title_rows_skipped: (p) =>
		m.reference_warning_title_rows_skipped(p as { rows: string; header: number }),
	empty_file: () => m.reference_error_empty_file(),
	too_many_rows: (p) => m.reference_error_too_many_rows(p as { count: number; max: number }),
	parent_not_found: (p) => m.reference_error_parent_not_found(p as { code: string }),
	parent_archived: (p) => m.reference_error_parent_archived(p as { code: string }),
	parent_wrong_level: (p) =>
		m.reference_error_parent_wrong_level(p as { code: string; level: string; expected: string }),
	parent_row_invalid: (p) =>
		m.reference_error_parent_row_invalid(p as { code: string; row: number }),
	region_not_found: (p) => m.reference_error_region_not_found(p as { code: string }),
	region_archived: (p) => m.reference_error_region_archived(p as { code: string }),
	unit_not_found: (p) => m.reference_error_unit_not_found(p as { code: string }),
	unit_archived: (p) => m.reference_error_unit_archived(p as { code: string }),
	parent_unit_not_found: (p) => m.reference_error_parent_unit_not_found(p as { code: string }),
	parent_unit_archived: (p) => m.reference_error_parent_unit_archived(p as { code: string }),
	parent_unit_is_window: (p) => m.reference_error_parent_unit_is_window(p as { code: string }),
	level_change_has_children: () => m.reference_error_level_change_has_children(),
	kind_change_has_windows: () => m.reference_error_kind_change_has_windows(),
	code_taken: (p) => m.reference_error_code_taken(p as { code: string }),
	concurrent_change: () => m.reference_error_concurrent_change(),
	outside_scope: (p) => m.reference_error_outside_scope(p as { column: string; code: string }),
	outside_scope_top_level: () => m.reference_error_outside_scope_top_level()
};

const sharedFieldLabels: Record<string, () => string> = {
	code: m.reference_field_code,
	name: m.reference_field_name,
	level: m.reference_field_level,
	parent_code: m.reference_field_parent_code,
	kind: m.reference_field_kind,
	region_code: m.reference_field_region_code,
	parent_unit_code: m.reference_field_parent_unit_code,
	unit_code: m.reference_field_unit_code,
	position: m.reference_field_position,
	mid_level: m.reference_field_mid_level,
	heads_unit: m.reference_field_heads_unit,
	birth_month: m.reference_field_birth_month,
	appointed_on: m.reference_field_appointed_on
};

const cadreFieldLabels: Record<string, () => string> = {
	code: m.reference_field_cadre_code,
	name: m.reference_field_cadre_name,
	level: m.reference_field_cadre_level
};

export function fieldLabel(entity: ReferenceEntity, key: string): string {
	const label = (entity === 'cadre' && cadreFieldLabels[key]) || sharedFieldLabels[key];
	return label ? label() : key;
}

export interface DescribedIssue {
	row: number;
	/** The column key (a form field name), or null for a problem with the whole file. */
	key: string | null;
	column: string;
	message: string;
}

/** An issue as the page shows it: row, column label and a sentence in the reader's language. */
export function describeIssue(entity: ReferenceEntity, issue: ReferenceIssue): DescribedIssue {
	const column = issue.column ? fieldLabel(entity, issue.column) : '';
	const params: Params = { column, ...issue.params };
	for (const key of ['level', 'expected'] as const) {
		const value = params[key];
		if (typeof value === 'string' && value in regionLevelLabel) {
			params[key] = regionLevelLabel[value as RegionLevel]().toLowerCase();
		}
	}
	return { row: issue.row, key: issue.column, column, message: errorMessages[issue.code](params) };
}

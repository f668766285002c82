/**
 * Parsers for what reference pages receive: form posts, list query strings, route ids, uploads.
 * Forms use the same column keys and the same row validation as spreadsheet imports, so a value a
 * form accepts is a value an import accepts.
 */
import {
	cadreLevels,
	referenceColumns,
	referenceEntities,
	regionLevels,
	unitKinds,
	validateRow,
	type RecordOf,
	type ReferenceEntity,
	type RowIssue
} from '$lib/domain/reference-import';
import type { CadreListQuery, ListQuery, RegionListQuery, UnitListQuery } from './queries';
import { parseRowId } from '$lib/server/db/ids';

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type FormParse<E extends ReferenceEntity> =
	| { ok: true; record: RecordOf[E]; values: Record<string, string> }
	| { ok: false; issues: RowIssue[]; values: Record<string, string> };

/** The entity's fields from a form post; `values` echoes what was typed, to refill the form. */
export function parseRecordForm<E extends ReferenceEntity>(
	entity: E,
	form: FormData
): FormParse<E> {
	const values: Record<string, string> = {};
	for (const col of referenceColumns[entity]) {
		const value = form.get(col.key);
		values[col.key] = typeof value === 'string' ? value : '';
	}
	// A checkbox posts nothing when unticked; the row validator reads blank as "no".
	for (const key of checkboxColumns[entity] ?? []) values[key] = values[key] ? 'yes' : '';
	const result = validateRow(entity, values, 0);
	return result.record
		? { ok: true, record: result.record, values }
		: { ok: false, issues: result.issues, values };
}

/** The yes/no columns, which the forms show as checkboxes (routes/reference/fields.ts). */
const checkboxColumns: Partial<Record<ReferenceEntity, string[]>> = {
	cadre: ['mid_level', 'heads_unit']
};

/** A positive integer id from a route parameter, else null (answer 404). */
export function parseId(value: string | undefined): number | null {
	return parseRowId(value);
}

function pick<T extends string>(allowed: readonly T[], value: string | null): T | null {
	return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function text(params: URLSearchParams, key: string, max = 100): string {
	return (params.get(key) ?? '').trim().slice(0, max);
}

/** Search, archived toggle and page; nonsense values fall back to defaults rather than failing. */
export function parseListQuery(params: URLSearchParams): ListQuery {
	const page = Number(params.get('page'));
	return {
		search: text(params, 'q'),
		includeArchived: params.get('archived') === '1',
		page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1
	};
}

export function parseRegionListQuery(params: URLSearchParams): RegionListQuery {
	return {
		...parseListQuery(params),
		level: pick(regionLevels, params.get('level')),
		parentCode: text(params, 'parent', 50) || null
	};
}

export function parseUnitListQuery(params: URLSearchParams): UnitListQuery {
	return {
		...parseListQuery(params),
		kind: pick(unitKinds, params.get('kind')),
		regionCode: text(params, 'region', 50) || null
	};
}

export function parseCadreListQuery(params: URLSearchParams): CadreListQuery {
	return {
		...parseListQuery(params),
		level: pick(cadreLevels, params.get('level')),
		unitCode: text(params, 'unit', 50) || null
	};
}

export type UploadParse =
	| { ok: true; entity: ReferenceEntity; bytes: Uint8Array; fileName: string; skipBadRows: boolean }
	| {
			ok: false;
			problem: 'entity' | 'no_file' | 'too_large' | 'extension';
			entity: string;
			skipBadRows: boolean;
	  };

/** The import form: which entity, the file (.xlsx or .csv, at most 5 MB), skip-bad-rows. */
export async function parseUploadForm(form: FormData): Promise<UploadParse> {
	const entityValue = form.get('entity');
	const entity = typeof entityValue === 'string' ? entityValue : '';
	const skipBadRows = form.get('skip_bad_rows') === 'on';
	const problem = (kind: 'entity' | 'no_file' | 'too_large' | 'extension') =>
		({ ok: false, problem: kind, entity, skipBadRows }) as const;
	if (!(referenceEntities as readonly string[]).includes(entity)) return problem('entity');
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return problem('no_file');
	if (file.size > MAX_UPLOAD_BYTES) return problem('too_large');
	if (!/\.(xlsx|csv)$/i.test(file.name)) return problem('extension');
	return {
		ok: true,
		entity: entity as ReferenceEntity,
		bytes: new Uint8Array(await file.arrayBuffer()),
		fileName: file.name.slice(0, 200),
		skipBadRows
	};
}

/** Which entity an export or list URL segment names ("regions" → "region"). */
export function entityFromPlural(plural: string): ReferenceEntity | null {
	const entity = plural.replace(/s$/, '');
	return (referenceEntities as readonly string[]).includes(entity)
		? (entity as ReferenceEntity)
		: null;
}

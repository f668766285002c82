/**
 * The load functions and form actions the reference pages share; the three entities differ only in
 * their fields, so the routes stay one-liners over these.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDatabase, type Database } from '$lib/server/db';
import { getLocale } from '$lib/paraglide/runtime';
import { auditActor } from '$lib/server/auth/actor';
import { m } from '$lib/paraglide/messages';
import { referenceColumns, type ReferenceEntity } from '$lib/domain/reference-import';
import { createRecord, setArchived, updateRecord } from './commands';
import { exportFileName, exportReference } from './export';
import { describeIssue } from './messages';
import { contentTypes } from './spreadsheet';
import {
	getCadre,
	getRegion,
	getUnit,
	hasAny,
	type CadreRow,
	type Page,
	type RegionRow,
	type UnitRow
} from './queries';
import { parseId, parseRecordForm } from './validate';

export const pluralOf: Record<ReferenceEntity, string> = {
	region: 'regions',
	unit: 'units',
	cadre: 'cadres'
};

interface RowOf {
	region: RegionRow;
	unit: UnitRow;
	cadre: CadreRow;
}

const getters: { [E in ReferenceEntity]: (db: Database, id: number) => Promise<RowOf[E] | null> } =
	{
		region: getRegion,
		unit: getUnit,
		cadre: getCadre
	};

/** A list page: the filters as parsed, one page of rows, and whether anything is stored at all. */
export async function loadList<Q, R>(
	entity: ReferenceEntity,
	url: URL,
	parse: (params: URLSearchParams) => Q,
	list: (db: Database, query: Q) => Promise<Page<R>>
): Promise<{ query: Q; list: Page<R>; anyStored: boolean }> {
	const db = getDatabase().db;
	const query = parse(url.searchParams);
	const rows = await list(db, query);
	// An empty page says either "nothing matches" or "nothing stored yet"; only it needs the count.
	const anyStored = rows.total > 0 || (await hasAny(db, entity));
	return { query, list: rows, anyStored };
}

/** The record of an edit page, with its form values; 404 when the id names nothing. */
export async function loadRecord<E extends ReferenceEntity>(
	entity: E,
	params: { id?: string }
): Promise<{ record: RowOf[E]; values: Record<string, string> }> {
	const id = parseId(params.id);
	const getter = getters[entity] as (db: Database, id: number) => Promise<RowOf[E] | null>;
	const record = id === null ? null : await getter(getDatabase().db, id);
	if (!record) error(404, m.reference_not_found());
	return { record, values: formValues(entity, record) };
}

/** What the edit form shows for a stored record, in the same keys the form posts. */
function formValues(entity: ReferenceEntity, record: object): Record<string, string> {
	const source = record as Record<string, unknown>;
	const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
	const aliases: Record<string, string> = {
		parent_code: 'parentCode',
		parent_unit_code: 'parentCode',
		mid_level: 'midLevel'
	};
	const values: Record<string, string> = {};
	for (const col of referenceColumns[entity]) {
		const value = source[aliases[col.key] ?? camel(col.key)];
		values[col.key] = value === true ? 'yes' : value === false ? '' : String(value ?? '');
	}
	return values;
}

function invalid(
	entity: ReferenceEntity,
	issues: Parameters<typeof describeIssue>[1][],
	values: Record<string, string>
) {
	return fail(400, {
		message: m.reference_form_invalid(),
		issues: issues.map((issue) => describeIssue(entity, issue)),
		values
	});
}

export async function createAction(entity: ReferenceEntity, event: RequestEvent) {
	const parsed = parseRecordForm(entity, await event.request.formData());
	if (!parsed.ok) return invalid(entity, parsed.issues, parsed.values);
	const result = await createRecord(
		getDatabase().db,
		entity,
		parsed.record,
		auditActor(event.locals.user)
	);
	if (!result.ok) return invalid(entity, result.issues, parsed.values);
	redirect(303, `/reference/${pluralOf[entity]}/${result.id}?created=1`);
}

export async function saveAction(entity: ReferenceEntity, event: RequestEvent) {
	const id = parseId(event.params.id);
	if (id === null) error(404, m.reference_not_found());
	const parsed = parseRecordForm(entity, await event.request.formData());
	if (!parsed.ok) return invalid(entity, parsed.issues, parsed.values);
	const result = await updateRecord(
		getDatabase().db,
		entity,
		id,
		parsed.record,
		auditActor(event.locals.user)
	);
	if (result === null) error(404, m.reference_not_found());
	if (!result.ok) return invalid(entity, result.issues, parsed.values);
	redirect(303, `/reference/${pluralOf[entity]}/${id}?saved=1`);
}

export async function archiveAction(
	entity: ReferenceEntity,
	event: RequestEvent,
	archive: boolean
) {
	const id = parseId(event.params.id);
	if (id === null) error(404, m.reference_not_found());
	const result = await setArchived(
		getDatabase().db,
		entity,
		id,
		archive,
		auditActor(event.locals.user)
	);
	if (result === null) error(404, m.reference_not_found());
	if (!result.ok) {
		const message =
			result.reason === 'has_children'
				? m.reference_archive_has_children({ count: result.count })
				: m.reference_unarchive_parent_archived({ code: result.code });
		return fail(409, { archiveMessage: message });
	}
	redirect(303, `/reference/${pluralOf[entity]}/${id}?${archive ? 'archived' : 'restored'}=1`);
}

/** GET /reference/<plural>/export?format=xlsx|csv: the active records as a download. */
export async function exportResponse(entity: ReferenceEntity, url: URL): Promise<Response> {
	const format = url.searchParams.get('format') ?? 'xlsx';
	if (format !== 'xlsx' && format !== 'csv') error(400, m.reference_export_format_invalid());
	const language = getLocale() === 'en' ? 'en' : 'zh';
	const bytes = await exportReference(getDatabase().db, entity, format, language);
	const fileName = exportFileName(entity, format);
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': contentTypes[format],
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(bytes.byteLength),
			'cache-control': 'no-store'
		}
	});
}

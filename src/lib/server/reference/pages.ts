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
import { readScope, writeScope, type ReferenceIssue, type Scope } from './scope';
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

type Getter<R> = (db: Database, id: number, scope: Scope) => Promise<R | null>;

const getters: { [E in ReferenceEntity]: Getter<RowOf[E]> } = {
	region: getRegion,
	unit: getUnit,
	cadre: getCadre
};

/**
 * A list page: the filters as parsed, one page of the rows within the reader's regions, and
 * whether anything is stored there at all.
 */
export async function loadList<Q, R>(
	entity: ReferenceEntity,
	{ url, locals }: Pick<RequestEvent, 'url' | 'locals'>,
	parse: (params: URLSearchParams) => Q,
	list: (db: Database, query: Q, scope: Scope) => Promise<Page<R>>
): Promise<{ query: Q; list: Page<R>; anyStored: boolean }> {
	const db = getDatabase().db;
	const query = parse(url.searchParams);
	const scope = await readScope(db, locals.user);
	const rows = await list(db, query, scope);
	// An empty page says either "nothing matches" or "nothing stored yet"; only it needs the count.
	const anyStored = rows.total > 0 || (await hasAny(db, entity, scope));
	return { query, list: rows, anyStored };
}

/**
 * The record of an edit page, with its form values; 404 when the id names nothing or a record
 * outside the reader's regions (the same answer, so ids outside cannot be probed).
 */
export async function loadRecord<E extends ReferenceEntity>(
	entity: E,
	{ params, locals }: Pick<RequestEvent, 'params' | 'locals'>
): Promise<{ record: RowOf[E]; values: Record<string, string> }> {
	const db = getDatabase().db;
	const id = parseId(params.id);
	const getter = getters[entity] as Getter<RowOf[E]>;
	const record = id === null ? null : await getter(db, id, await readScope(db, locals.user));
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

/** 403 when the record or a parent it names lies outside the writer's regions, else 400. */
function invalid(
	entity: ReferenceEntity,
	issues: ReferenceIssue[],
	values: Record<string, string>
) {
	const outside = issues.some((issue) => issue.code.startsWith('outside_scope'));
	return fail(outside ? 403 : 400, {
		message: outside ? m.reference_form_outside_scope() : m.reference_form_invalid(),
		issues: issues.map((issue) => describeIssue(entity, issue)),
		values
	});
}

export async function createAction(entity: ReferenceEntity, event: RequestEvent) {
	const parsed = parseRecordForm(entity, await event.request.formData());
	if (!parsed.ok) return invalid(entity, parsed.issues, parsed.values);
	const db = getDatabase().db;
	const scope = await writeScope(db, event.locals.user);
	const result = await createRecord(
		db,
		entity,
		parsed.record,
		auditActor(event.locals.user),
		scope
	);
	if (!result.ok) return invalid(entity, result.issues, parsed.values);
	redirect(303, `/reference/${pluralOf[entity]}/${result.id}?created=1`);
}

/** Saves an edit form; a record outside the writer's regions answers 403, nothing written. */
export async function saveAction(entity: ReferenceEntity, event: RequestEvent) {
	const id = parseId(event.params.id);
	if (id === null) error(404, m.reference_not_found());
	const parsed = parseRecordForm(entity, await event.request.formData());
	if (!parsed.ok) return invalid(entity, parsed.issues, parsed.values);
	const db = getDatabase().db;
	const scope = await writeScope(db, event.locals.user);
	const actor = auditActor(event.locals.user);
	const result = await updateRecord(db, entity, id, parsed.record, actor, scope);
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
	const db = getDatabase().db;
	const scope = await writeScope(db, event.locals.user);
	const actor = auditActor(event.locals.user);
	const result = await setArchived(db, entity, id, archive, actor, scope);
	if (result === null) error(404, m.reference_not_found());
	if (!result.ok && result.reason === 'outside_scope') {
		return fail(403, { archiveMessage: m.reference_archive_outside_scope() });
	}
	if (!result.ok) {
		const message =
			result.reason === 'has_children'
				? m.reference_archive_has_children({ count: result.count })
				: m.reference_unarchive_parent_archived({ code: result.code });
		return fail(409, { archiveMessage: message });
	}
	redirect(303, `/reference/${pluralOf[entity]}/${id}?${archive ? 'archived' : 'restored'}=1`);
}

/** GET /reference/<plural>/export?format=xlsx|csv: the active records in scope as a download. */
export async function exportResponse(
	entity: ReferenceEntity,
	{ url, locals }: Pick<RequestEvent, 'url' | 'locals'>
): Promise<Response> {
	const db = getDatabase().db;
	const format = url.searchParams.get('format') ?? 'xlsx';
	if (format !== 'xlsx' && format !== 'csv') error(400, m.reference_export_format_invalid());
	const language = getLocale() === 'en' ? 'en' : 'zh';
	const scope = await readScope(db, locals.user);
	const bytes = await exportReference(db, entity, format, language, scope);
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

import { error, fail, redirect } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { canEditResults } from '$lib/server/results/access';
import { getDatabase } from '$lib/server/db';
import { rectificationMessage, ruleName } from '$lib/server/results/messages';
import {
	addNote,
	advanceRectification,
	maxEvidenceBytes,
	RectificationError,
	setProblems
} from '$lib/server/results/rectification';
import { listNotes, listRectifications } from '$lib/server/results/rectification-queries';
import { readScope, writeScope } from '$lib/server/results/scope';
import type { AuthUser } from '$lib/server/auth/types';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function idOf(value: string): number {
	const id = Number(value);
	// Ids are int4: a larger number would make PostgreSQL fail the query (a 500).
	if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647)
		error(404, { message: m.results_rect_error_not_found() });
	return id;
}

/** The item's id when it lies in the user's regions (writes: organizer regions); else 404. */
async function inScope(user: AuthUser | null, value: string, mode: 'read' | 'write') {
	const db = getDatabase().db;
	const id = idOf(value);
	const scope = mode === 'read' ? await readScope(db, user) : await writeScope(db, user);
	const [item] = await listRectifications(db, { id, scope });
	if (!item) error(404, { message: m.results_rect_error_not_found() });
	return id;
}

export const load = (async ({ locals, params }) => {
	const db = getDatabase().db;
	const id = await inScope(locals.user, params.id, 'read');
	const [[item], notes] = await Promise.all([listRectifications(db, { id }), listNotes(db, id)]);
	if (!item) error(404, { message: m.results_rect_error_not_found() });
	return {
		item: { ...item, rule: ruleName(item.ruleId) },
		notes,
		canEdit: canEditResults(locals.user),
		maxMegabytes: maxEvidenceBytes / 1024 / 1024
	};
}) satisfies PageServerLoad;

export const actions = {
	problems: saveProblems,
	note: saveNote,
	submit: (event: RequestEvent) => advance(event, 'submitted'),
	close: (event: RequestEvent) => advance(event, 'closed')
} satisfies Actions;

async function run(id: number, change: () => Promise<void>, echo: Record<string, unknown> = {}) {
	try {
		await change();
	} catch (e) {
		if (e instanceof RectificationError)
			return fail(e.refusal === 'not_found' ? 404 : e.refusal === 'too_large' ? 413 : 400, {
				message: rectificationMessage(e.refusal),
				...echo
			});
		throw e;
	}
	redirect(303, `/results/rectification/${id}`);
}

async function saveProblems({ locals, params, request }: RequestEvent) {
	const id = await inScope(locals.user, params.id, 'write');
	const text = String((await request.formData()).get('problems') ?? '').slice(0, 20_000);
	return run(
		id,
		() => setProblems(getDatabase().db, id, text.split(/\r?\n/), auditActor(locals.user)),
		{
			problems: text
		}
	);
}

async function saveNote({ locals, params, request }: RequestEvent) {
	const id = await inScope(locals.user, params.id, 'write');
	const form = await request.formData();
	const text = String(form.get('text') ?? '').slice(0, 5000);
	const file = form.get('evidence');
	const hasFile = file instanceof File && file.size > 0;
	if (hasFile && file.size > maxEvidenceBytes)
		return fail(413, { message: rectificationMessage('too_large'), text });
	const evidence = hasFile
		? {
				name: file.name.slice(0, 200),
				type: file.type,
				content: new Uint8Array(await file.arrayBuffer())
			}
		: null;
	return run(id, () => addNote(getDatabase().db, id, { text, evidence }, auditActor(locals.user)), {
		text
	});
}

async function advance({ locals, params }: RequestEvent, to: 'submitted' | 'closed') {
	const id = await inScope(locals.user, params.id, 'write');
	return run(id, () => advanceRectification(getDatabase().db, id, to, auditActor(locals.user)));
}

import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { getEvidence, listRectifications } from '$lib/server/results/rectification-queries';
import { readScope } from '$lib/server/results/scope';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** An evidence file, always as a download (never rendered inline), refused if its hash no longer holds. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = getDatabase().db;
	const id = parseRowId(params.noteId);
	const evidence = id === null ? null : await getEvidence(db, id);
	if (!evidence) error(404, { message: m.results_rect_error_not_found() });
	// Outside the reader's regions the file is not found, as its item is.
	const scope = await readScope(db, locals.user);
	const [item] = await listRectifications(db, { id: evidence.rectificationId, scope });
	if (!item) error(404, { message: m.results_rect_error_not_found() });
	if (!evidence.intact) error(409, { message: m.results_rect_evidence_broken() });
	return new Response(evidence.content as BodyInit, {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(evidence.fileName ?? 'evidence')}`,
			'x-content-type-options': 'nosniff',
			'x-evidence-sha256': evidence.fileSha256 ?? ''
		}
	});
};

import { error } from '@sveltejs/kit';
import { verifyDraw } from '$lib/domain/jury-draw';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { getDrawDocument } from '$lib/server/jury/draw-queries';
import { positiveInt } from '$lib/server/jury/validate';
import type { PageServerLoad } from './$types';

/** The server checks the draw too, so the page proves it without JavaScript. */
export const load = (async ({ params }) => {
	const id = positiveInt(params.id);
	const document = id ? await getDrawDocument(getDatabase().db, id) : null;
	if (!document) error(404, m.jury_error_not_found());
	const check = document.seed ? verifyDraw(document, document.seed) : null;
	return {
		document,
		serverCheck: check && {
			commitmentMatches: check.commitmentMatches,
			resultMatches: check.resultMatches
		}
	};
}) satisfies PageServerLoad;

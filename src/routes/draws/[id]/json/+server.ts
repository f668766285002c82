import { error, json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getDrawDocument } from '$lib/server/jury/draw-queries';
import { positiveInt } from '$lib/server/jury/validate';
import type { RequestHandler } from './$types';

/** The draw as the JSON document `npm run draw:verify -- file.json` reads. */
export const GET: RequestHandler = async ({ params }) => {
	const id = positiveInt(params.id);
	const document = id ? await getDrawDocument(getDatabase().db, id) : null;
	if (!document) error(404, 'draw not found');
	return json(document, {
		headers: { 'content-disposition': `attachment; filename="draw-${document.drawId}.json"` }
	});
};

import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { getDrawDocument, listDrawMembers } from '$lib/server/jury/draw-queries';
import { revealDraw } from '$lib/server/jury/draws';
import { issuePanelCodes, toCodeCards } from '$lib/server/jury/invitations';
import { actorOf, formText, runJuryCommand } from '$lib/server/jury/page-helpers';
import { positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function drawIdOf(params: { id: string }): number {
	const id = positiveInt(params.id);
	if (!id) error(404, m.jury_error_not_found());
	return id;
}

export const load = (async ({ params }) => {
	const id = drawIdOf(params);
	const { db } = getDatabase();
	const [document, members] = await Promise.all([getDrawDocument(db, id), listDrawMembers(db, id)]);
	if (!document) error(404, m.jury_error_not_found());
	const counted = document.eligible.filter((juror) => juror.stratum === 'counted').length;
	const excluded = document.excluded ?? { employer: 0, related: 0, recent: 0 };
	return { document, members, counted, excluded };
}) satisfies PageServerLoad;

export const actions = {
	reveal,
	codes
} satisfies Actions;

async function reveal(event: RequestEvent) {
	const publicValue = formText(await event.request.formData(), 'publicValue').slice(0, 100);
	const id = drawIdOf(event.params);
	const result = await runJuryCommand(() =>
		revealDraw(getDatabase().db, id, publicValue, actorOf(event.locals))
	);
	return result.ok ? { revealed: true } : result.failure;
}

/** The codes are returned to this one response only; only their hashes are stored. */
async function codes(event: RequestEvent) {
	const id = drawIdOf(event.params);
	const result = await runJuryCommand(() =>
		issuePanelCodes(getDatabase().db, id, actorOf(event.locals))
	);
	if (!result.ok) return result.failure;
	return { cards: await toCodeCards(result.value, event.url.origin) };
}

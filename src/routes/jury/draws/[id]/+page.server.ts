import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { getDrawDocument, listDrawMembers } from '$lib/server/jury/draw-queries';
import { revealDraw } from '$lib/server/jury/draws';
import { issuePanelCodes, toCodeCards } from '$lib/server/jury/invitations';
import { actorOf, formText, runJuryCommand } from '$lib/server/jury/page-helpers';
import {
	assertDrawInScope,
	assertJurorInScope,
	drawRegionId,
	inJuryScope,
	juryScope
} from '$lib/server/jury/scope';
import { positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function drawIdOf(params: { id: string }): number {
	const id = positiveInt(params.id);
	if (!id) error(404, m.jury_error_not_found());
	return id;
}

/** Runs a command on this page's draw after checking its unit lies in the organizer's regions. */
async function onDraw<T, E extends Record<string, unknown> = Record<never, never>>(
	event: RequestEvent,
	command: (id: number) => Promise<T>,
	echo?: E
) {
	const id = drawIdOf(event.params);
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	return runJuryCommand(async () => {
		await assertDrawInScope(db, scope, id);
		return command(id);
	}, echo);
}

export const load = (async ({ params, locals }) => {
	const id = drawIdOf(params);
	const { db } = getDatabase();
	const [scope, regionId] = await Promise.all([juryScope(db, locals.user), drawRegionId(db, id)]);
	// A draw for a unit outside the organizer's regions is not theirs to see (the public page is).
	if (regionId === null || !inJuryScope(scope, regionId)) error(404, m.jury_error_not_found());
	const [document, drawn] = await Promise.all([getDrawDocument(db, id), listDrawMembers(db, id)]);
	if (!document) error(404, m.jury_error_not_found());
	// An unscoped organizer's panel for a unit here may hold jurors from elsewhere: id only.
	const members = drawn.map((member) => ({
		...member,
		name: inJuryScope(scope, member.regionId) ? member.name : null
	}));
	const counted = document.eligible.filter((juror) => juror.stratum === 'counted').length;
	const excluded = document.excluded ?? { employer: 0, related: 0, recent: 0 };
	return { document, members, counted, excluded };
}) satisfies PageServerLoad;

export const actions = {
	reveal,
	codes
} satisfies Actions;

async function reveal(event: RequestEvent) {
	// Not cut to length here: revealDraw refuses a missing or too long value with a message.
	const publicValue = formText(await event.request.formData(), 'publicValue');
	const result = await onDraw(
		event,
		(id) => revealDraw(getDatabase().db, id, publicValue, actorOf(event.locals)),
		{ publicValue }
	);
	return result.ok ? { revealed: true } : result.failure;
}

/**
 * The codes are returned to this one response only; only their hashes are stored. A regional
 * organizer issues them only when every member lives in their regions.
 */
async function codes(event: RequestEvent) {
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	const result = await onDraw(event, async (id) => {
		for (const member of await listDrawMembers(db, id))
			await assertJurorInScope(db, scope, member.jurorId);
		return issuePanelCodes(db, id, actorOf(event.locals));
	});
	if (!result.ok) return result.failure;
	const revoked = result.value.reduce((sum, code) => sum + code.revoked, 0);
	return {
		codesNote: revoked > 0 ? m.jury_codes_replaced({ count: revoked }) : null,
		cards: await toCodeCards(result.value, event.url.origin)
	};
}

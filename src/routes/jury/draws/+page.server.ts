import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { listDraws } from '$lib/server/jury/draw-queries';
import { commitDraw, requirePublicValueSource } from '$lib/server/jury/draws';
import { actorOf, formText, juryToday, runJuryCommand } from '$lib/server/jury/page-helpers';
import { listUnits } from '$lib/server/jury/lookups';
import { expireDueTerms } from '$lib/server/jury/membership';
import { juryScope } from '$lib/server/jury/scope';
import { positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	const { db } = getDatabase();
	const scope = await juryScope(db, locals.user);
	const [draws, units] = await Promise.all([listDraws(db, 100, scope), listUnits(db, scope)]);
	return { draws, units };
}) satisfies PageServerLoad;

export const actions = {
	commit
} satisfies Actions;

async function commit(event: RequestEvent) {
	const form = await event.request.formData();
	const values = {
		unitId: formText(form, 'unitId'),
		size: formText(form, 'size'),
		recentDraws: formText(form, 'recentDraws') || '0',
		publicValueSource: formText(form, 'publicValueSource')
	};
	const unitId = positiveInt(values.unitId);
	const size = positiveInt(values.size);
	const recentDraws = /^\d{1,3}$/.test(values.recentDraws) ? Number(values.recentDraws) : -1;
	if (!unitId || !size || size > 500 || recentDraws < 0 || recentDraws > 100) {
		return fail(400, { message: m.jury_error_bad_draw(), values });
	}
	// Checked before the expiry sweep below, so a refused form writes nothing at all.
	const source = await runJuryCommand(
		async () => requirePublicValueSource(values.publicValueSource),
		{ values }
	);
	if (!source.ok) return source.failure;
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	// The eligible list must reflect today's roster: expire finished terms before fixing it.
	await expireDueTerms(db, juryToday());
	const result = await runJuryCommand(
		() =>
			commitDraw(
				db,
				{ unitId, size, recentDraws, publicValueSource: source.value },
				actorOf(event.locals),
				scope
			),
		{ values }
	);
	if (!result.ok) return result.failure;
	redirect(303, `/jury/draws/${result.value.id}`);
}

import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { actorOf, juryToday, runJuryCommand } from '$lib/server/jury/page-helpers';
import { listRenewals } from '$lib/server/jury/queries';
import { getJurySettings } from '$lib/server/jury/settings';
import { expireDueTerms } from '$lib/server/jury/membership';
import { renewTerm } from '$lib/server/jury/terms';
import { assertJurorInScope, juryScope } from '$lib/server/jury/scope';
import { positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	const { db } = getDatabase();
	const scope = await juryScope(db, locals.user);
	const today = juryToday();
	await expireDueTerms(db, today);
	const { terms } = await getJurySettings(db);
	return {
		rows: await listRenewals(db, today, terms.renewalNoticeDays, scope),
		days: terms.renewalNoticeDays
	};
}) satisfies PageServerLoad;

export const actions = {
	renew
} satisfies Actions;

/**
 * Renews the jurors ticked on the list (one or all), each in its own transaction. Every id is
 * checked against the organizer's regions first, so one outside them renews nobody.
 */
async function renew(event: RequestEvent) {
	const form = await event.request.formData();
	const ids = form
		.getAll('jurorId')
		.map(positiveInt)
		.filter((id): id is number => id !== null);
	if (ids.length === 0) return fail(400, { message: m.jury_error_not_found() });
	const { db } = getDatabase();
	const today = juryToday();
	const scope = await juryScope(db, event.locals.user);
	const allowed = await runJuryCommand(async () => {
		for (const id of ids) await assertJurorInScope(db, scope, id);
	});
	if (!allowed.ok) return allowed.failure;
	let renewed = 0;
	for (const id of ids) {
		const result = await runJuryCommand(() => renewTerm(db, id, today, actorOf(event.locals)));
		if (!result.ok) return result.failure;
		renewed += 1;
	}
	return { success: m.jury_renewals_done({ count: renewed }) };
}

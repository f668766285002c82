import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { reviewApplication, type ReviewDecision } from '$lib/server/jury/applications';
import { actorOf, formText, runJuryCommand } from '$lib/server/jury/page-helpers';
import { listRoster } from '$lib/server/jury/queries';
import { listUnits } from '$lib/server/jury/lookups';
import { assertJurorInScope, juryScope } from '$lib/server/jury/scope';
import { parseReason, positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	const { db } = getDatabase();
	const scope = await juryScope(db, locals.user);
	const [applications, units] = await Promise.all([
		listRoster(db, { roster: 'jury', status: 'applied', scope }, { limit: 1000 }),
		listUnits(db)
	]);
	return { applications, units };
}) satisfies PageServerLoad;

export const actions = {
	approve: (event) => decide(event, 'approve'),
	reject: (event) => decide(event, 'reject'),
	requestInfo: (event) => decide(event, 'request_info')
} satisfies Actions;

async function decide(event: RequestEvent, kind: ReviewDecision['kind']) {
	const form = await event.request.formData();
	const jurorId = positiveInt(formText(form, 'jurorId'));
	if (!jurorId) return fail(400, { message: m.jury_error_not_found(), jurorId: null });
	let decision: ReviewDecision;
	if (kind === 'approve') {
		decision = { kind, employerUnitId: positiveInt(formText(form, 'employerUnitId')) };
	} else {
		const reason = parseReason(form.get('reason'));
		if (!reason) return fail(400, { message: m.jury_error_reason_required(), jurorId });
		decision = { kind, reason };
	}
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	const result = await runJuryCommand(
		async () => {
			await assertJurorInScope(db, scope, jurorId);
			return reviewApplication(db, jurorId, decision, actorOf(event.locals));
		},
		{ jurorId }
	);
	if (!result.ok) return result.failure;
	return { success: m.jury_review_done(), jurorId };
}

import { error, fail } from '@sveltejs/kit';
import { isIsoDate } from '$lib/domain/jury-terms';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { addJurorRelation, issueJurorCode, toCodeCards } from '$lib/server/jury/invitations';
import { actorOf, formText, juryToday, runJuryCommand } from '$lib/server/jury/page-helpers';
import { getJurorDetail } from '$lib/server/jury/queries';
import { listUnits } from '$lib/server/jury/lookups';
import { endMembership, expireDueTerms } from '$lib/server/jury/membership';
import { appointJuror, renewTerm } from '$lib/server/jury/terms';
import { assertJurorInScope, inJuryScope, juryScope } from '$lib/server/jury/scope';
import { parseStatusReason } from '$lib/server/jury/status-reason';
import { parseReason, positiveInt } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function jurorIdOf(params: { id: string }): number {
	const id = positiveInt(params.id);
	if (!id) error(404, m.jury_error_not_found());
	return id;
}

/**
 * Runs a command on this page's juror after checking it lies in the organizer's regions: outside
 * them the answer is 403 and nothing is written.
 */
async function onJuror<T>(event: RequestEvent, command: (id: number) => Promise<T>) {
	const id = jurorIdOf(event.params);
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	return runJuryCommand(async () => {
		await assertJurorInScope(db, scope, id);
		return command(id);
	});
}

export const load = (async ({ params, locals }) => {
	const id = jurorIdOf(params);
	const { db } = getDatabase();
	const today = juryToday();
	await expireDueTerms(db, today);
	const [detail, units, scope] = await Promise.all([
		getJurorDetail(db, id),
		listUnits(db),
		juryScope(db, locals.user)
	]);
	// Outside the organizer's regions the juror does not exist for them (ids cannot be probed).
	if (!detail || !inJuryScope(scope, detail.juror.regionId)) error(404, m.jury_error_not_found());
	const changes = detail.changes.map((change) => ({
		...change,
		why: parseStatusReason(change.toStatus, change.reason)
	}));
	return { ...detail, changes, units, today };
}) satisfies PageServerLoad;

export const actions = {
	appoint,
	renew,
	withdraw: (event) => leave(event, 'withdrawn'),
	dismiss: (event) => leave(event, 'dismissed'),
	relate,
	invite
} satisfies Actions;

async function appoint(event: RequestEvent) {
	const startsOn = formText(await event.request.formData(), 'startsOn');
	if (!isIsoDate(startsOn)) return fail(400, { message: m.jury_error_bad_date() });
	const result = await onJuror(event, (id) =>
		appointJuror(getDatabase().db, id, startsOn, actorOf(event.locals))
	);
	return result.ok ? { success: m.jury_detail_saved() } : result.failure;
}

async function renew(event: RequestEvent) {
	const result = await onJuror(event, (id) =>
		renewTerm(getDatabase().db, id, juryToday(), actorOf(event.locals))
	);
	return result.ok ? { success: m.jury_detail_saved() } : result.failure;
}

async function leave(event: RequestEvent, to: 'withdrawn' | 'dismissed') {
	const reason = parseReason((await event.request.formData()).get('reason'));
	if (!reason) return fail(400, { message: m.jury_error_reason_required() });
	const result = await onJuror(event, (id) =>
		endMembership(getDatabase().db, id, to, reason, actorOf(event.locals))
	);
	return result.ok ? { success: m.jury_detail_saved() } : result.failure;
}

async function relate(event: RequestEvent) {
	const form = await event.request.formData();
	const unitId = positiveInt(formText(form, 'unitId'));
	if (!unitId) return fail(400, { message: m.jury_error_unknown_unit() });
	const note = formText(form, 'note').slice(0, 200) || null;
	const result = await onJuror(event, (jurorId) =>
		addJurorRelation(getDatabase().db, { jurorId, unitId, note })
	);
	return result.ok ? { success: m.jury_detail_saved() } : result.failure;
}

async function invite(event: RequestEvent) {
	const result = await onJuror(event, (id) =>
		issueJurorCode(getDatabase().db, id, actorOf(event.locals))
	);
	if (!result.ok) return result.failure;
	const { revoked } = result.value;
	return {
		success: revoked > 0 ? m.jury_invite_replaced({ count: revoked }) : m.jury_invite_done(),
		cards: await toCodeCards([result.value], event.url.origin)
	};
}

import { error, fail } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { getUserForAdmin, listRegionOptions } from '$lib/server/auth/admin-queries';
import { endAllSessions, grantRole, revokeRole, setDisabled } from '$lib/server/auth/commands';
import {
	invitationLink,
	invitationQrDataUrl,
	issueInvitationCode,
	listInvitationCodes,
	revokeInvitationCode
} from '$lib/server/auth/invitation';
import { parseCodeDays, parseId, parseRoleGrant } from '$lib/server/auth/validate';
import { getDatabase } from '$lib/server/db';
import { revokeLiveCodes } from '$lib/server/jury/invitations';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseRowId } from '$lib/server/db/ids';

function userIdOf(params: { id: string }): number {
	const id = parseRowId(params.id);
	if (id === null) error(404, { message: m.admin_error_not_found() });
	return id;
}

// The guard admits only admins to /admin/** (route-rules.ts); loads and actions rely on it.
export const load = (async ({ params }) => {
	const { db } = getDatabase();
	const id = userIdOf(params);
	const [user, regions, codes] = await Promise.all([
		getUserForAdmin(db, id),
		listRegionOptions(db),
		listInvitationCodes(db, id)
	]);
	if (!user) error(404, { message: m.admin_error_not_found() });
	return { user, regions, codes, now: new Date() };
}) satisfies PageServerLoad;

export const actions = {
	grantRole: grant,
	revokeRole: revoke,
	disable: (event) => toggleDisabled(event, true),
	enable: (event) => toggleDisabled(event, false),
	endSessions,
	issueCode,
	revokeCode
} satisfies Actions;

const grantErrors = {
	not_found: m.admin_error_not_found,
	not_staff: m.admin_error_role_staff_only,
	no_region: m.admin_error_region_invalid,
	exists: m.admin_error_role_exists
};

async function grant({ locals, params, request }: RequestEvent) {
	const parsed = parseRoleGrant(await request.formData());
	if (!parsed.ok) return fail(400, { message: parsed.message });
	const result = await grantRole(
		getDatabase().db,
		auditActor(locals.user),
		userIdOf(params),
		parsed.value
	);
	if (!result.ok) return fail(400, { message: grantErrors[result.reason]() });
	return { success: m.admin_role_granted() };
}

async function revoke({ locals, params, request }: RequestEvent) {
	const grantId = parseId(await request.formData(), 'grantId');
	if (grantId === null) return fail(400, { message: m.admin_error_role_invalid() });
	const result = await revokeRole(
		getDatabase().db,
		auditActor(locals.user),
		grantId,
		userIdOf(params)
	);
	if (!result.ok) {
		const message =
			result.reason === 'last_admin' ? m.admin_error_last_admin() : m.admin_error_role_invalid();
		return fail(400, { message });
	}
	return { success: m.admin_role_revoked() };
}

async function toggleDisabled({ locals, params }: RequestEvent, disabled: boolean) {
	const id = userIdOf(params);
	if (disabled && locals.user?.id === id)
		return fail(400, { message: m.admin_error_self_disable() });
	if (!(await setDisabled(getDatabase().db, auditActor(locals.user), id, disabled))) {
		return fail(404, { message: m.admin_error_not_found() });
	}
	return { success: disabled ? m.admin_disabled_done() : m.admin_enabled_done() };
}

async function endSessions({ locals, params }: RequestEvent) {
	const count = await endAllSessions(getDatabase().db, auditActor(locals.user), userIdOf(params));
	return { success: m.admin_sessions_ended({ count }) };
}

async function issueCode({ locals, params, request, url }: RequestEvent) {
	const days = parseCodeDays(await request.formData());
	if (!days.ok) return fail(400, { message: days.message });
	const { db } = getDatabase();
	const user = await getUserForAdmin(db, userIdOf(params));
	if (!user) return fail(404, { message: m.admin_error_not_found() });
	if (user.kind !== 'juror' || user.disabled)
		return fail(400, { message: m.admin_error_not_juror() });
	// A new card replaces the old ones: earlier unused codes stop working (a lost card).
	const { issued, revoked } = await db.transaction(async (tx) => {
		const revoked = await revokeLiveCodes(tx, user.id, auditActor(locals.user));
		const issued = await issueInvitationCode(tx, {
			userId: user.id,
			expiresAt: new Date(Date.now() + days.value * 86_400_000),
			createdBy: auditActor(locals.user)
		});
		return { issued, revoked };
	});
	const link = invitationLink(url.origin, issued.code);
	return {
		success: revoked > 0 ? m.admin_code_replaced({ count: revoked }) : null,
		issued: {
			code: issued.code,
			expiresAt: issued.expiresAt,
			link,
			codePage: `${url.origin}/code`,
			qr: await invitationQrDataUrl(link)
		}
	};
}

async function revokeCode({ locals, params, request }: RequestEvent) {
	const codeId = parseId(await request.formData(), 'codeId');
	const done =
		codeId !== null &&
		(await revokeInvitationCode(getDatabase().db, {
			codeId,
			actor: auditActor(locals.user),
			userId: userIdOf(params)
		}));
	if (!done) return fail(400, { message: m.admin_error_code_not_found() });
	return { success: m.admin_code_revoked() };
}

import { error, fail, redirect } from '@sveltejs/kit';
import type { FormValues } from '$lib/domain/campaign-form';
import { normalizeSerial } from '$lib/domain/campaign-paper';
import { auditActor } from '$lib/server/auth/actor';
import { publicBallot } from '$lib/server/campaigns/ballot-action';
import { requireCampaign } from '$lib/server/campaigns/access';
import { SubmitError } from '$lib/server/campaigns/errors';
import { describeProblems, submitErrorMessage } from '$lib/server/campaigns/messages';
import {
	keyPaperBallot,
	listPaperEntries,
	PaperError,
	voidPaperKeying,
	voidReasonMax,
	voidTargets,
	type VoidTarget
} from '$lib/server/campaigns/paper';
import { paperMessage } from '$lib/server/campaigns/paper-messages';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals, params, url }) => {
	const definition = await requireCampaign(locals.user, params.id);
	return {
		...publicBallot(definition),
		state: definition.campaign.state,
		tiers: definition.tiers.map((t) => ({ id: t.id, name: t.name })),
		entries: await listPaperEntries(getDatabase().db, definition.campaign.id),
		outcome: url.searchParams.get('outcome'),
		serial: url.searchParams.get('serial')
	};
}) satisfies PageServerLoad;

export const actions = {
	submit: keyEntry,
	void: voidEntry
} satisfies Actions;

async function keyEntry({ locals, params, request }: RequestEvent) {
	const definition = await requireCampaign(locals.user, params.id);
	const actor = auditActor(locals.user);
	if (!actor) error(401, { message: m.campaigns_error_sign_in() });
	const form = await request.formData();
	const values: FormValues = {};
	for (const [name, value] of form)
		if (/^[ar]:/.test(name) && typeof value === 'string') (values[name] ??= []).push(value);
	const serial = normalizeSerial(String(form.get('serial') ?? ''));
	const tierText = String(form.get('tierId') ?? '');
	const tierId = tierText === '' ? null : Number(tierText);
	// Everything typed comes back on a refusal, the tier too (a plain form post re-renders it).
	const echo = {
		values,
		serial: String(form.get('serial') ?? '').slice(0, 64),
		tierId: tierText.slice(0, 16),
		idempotencyKey: ''
	};
	if (!serial)
		return fail(400, { ...echo, message: m.campaigns_paper_error_serial(), problems: [] });
	if (tierId !== null && !definition.tiers.some((t) => t.id === tierId))
		return fail(400, { ...echo, message: m.campaigns_error_tier(), problems: [] });
	try {
		const outcome = await keyPaperBallot(getDatabase().db, {
			campaignId: definition.campaign.id,
			serial,
			tierId,
			values,
			actor
		});
		redirect(303, `?outcome=${outcome}&serial=${encodeURIComponent(serial)}`);
	} catch (e) {
		if (e instanceof PaperError)
			return fail(409, { ...echo, message: paperMessage(e.refusal), problems: [] });
		if (!(e instanceof SubmitError)) throw e;
		const problems = describeProblems(e.problems, definition.subjects, definition.questions);
		return fail(e.status, { ...echo, message: submitErrorMessage(e), problems });
	}
}

const confirmText: Record<VoidTarget, (p: { serial: string }) => string> = {
	first: m.campaigns_paper_confirm_first,
	second: m.campaigns_paper_confirm_second,
	sheet: m.campaigns_paper_confirm_sheet
};

const voidedOutcome: Record<VoidTarget, string> = {
	first: 'voided_first',
	second: 'discarded',
	sheet: 'voided_sheet'
};

/**
 * Voids a keying or a whole sheet in two steps that work without JavaScript: the first post
 * (no `confirm`) changes nothing and answers 400 with the consequence and a form asking for the
 * reason; the second, with `confirm=yes` and a reason, voids.
 */
async function voidEntry({ locals, params, request }: RequestEvent) {
	const definition = await requireCampaign(locals.user, params.id);
	const actor = auditActor(locals.user);
	if (!actor) error(401, { message: m.campaigns_error_sign_in() });
	const form = await request.formData();
	const serial = normalizeSerial(String(form.get('serial') ?? ''));
	const target = String(form.get('target') ?? '') as VoidTarget;
	const reason = String(form.get('reason') ?? '').slice(0, voidReasonMax + 1);
	const echo = { values: {}, serial: '', tierId: '', idempotencyKey: '', problems: [] };
	if (!serial || !voidTargets.includes(target))
		return fail(400, { ...echo, message: m.campaigns_paper_error_serial() });
	const voiding = { serial, target, reason, consequence: confirmText[target]({ serial }) };
	if (form.get('confirm') !== 'yes')
		return fail(400, { ...echo, message: m.campaigns_confirm_needed(), voiding });
	try {
		await voidPaperKeying(getDatabase().db, {
			campaignId: definition.campaign.id,
			serial,
			target,
			reason,
			actor
		});
	} catch (e) {
		if (!(e instanceof PaperError)) throw e;
		const status = e.refusal === 'reason_required' ? 400 : 409;
		return fail(status, { ...echo, message: paperMessage(e.refusal), voiding });
	}
	redirect(303, `?outcome=${voidedOutcome[target]}&serial=${encodeURIComponent(serial)}`);
}

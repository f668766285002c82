import { randomInt } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { audienceSettings, type AudienceAction } from '$lib/domain/audience';
import type { ControlAction } from '$lib/domain/live-reveal';
import type { RevealOrder, RevealPolicy } from '$lib/domain/live-snapshot';
import { m } from '$lib/paraglide/messages';
import { auditActor } from '$lib/server/auth/actor';
import { requireCampaign } from '$lib/server/campaigns/access';
import { TransitionError, transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { transitionMessage } from '$lib/server/campaigns/lifecycle-messages';
import { isConfirmed, transitionConsequence } from '$lib/server/campaigns/transition-confirm';
import { getDatabase } from '$lib/server/db';
import { getLiveHub, notifyControlChanged } from '$lib/server/live';
import { AudienceControlError, changeAudience, getAudienceCounts } from '$lib/server/live/audience';
import { audienceControlMessage } from '$lib/server/live/audience-messages';
import { doneMessages, controlMessage } from '$lib/server/live/messages';
import { qrPath } from '$lib/server/live/qr';
import { changeLiveControl, ControlError, getLiveControl } from '$lib/server/live/state';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals, params, url }) => {
	const { campaign } = await requireCampaign(locals.user, params.campaignId);
	const hub = getLiveHub();
	// The host sees the figures as they are now, not as the throttle last pushed them.
	const [snapshot, stored] = await Promise.all([
		hub.refreshNow(campaign.id),
		getLiveControl(getDatabase().db, campaign.id)
	]);
	if (!snapshot) error(404, { message: m.live_error_not_found() });
	const unfrozen = stored.control.frozen ? await hub.unfrozen(campaign.id) : null;
	const audience = audienceSettings(campaign.settings);
	const audienceUrl = `${url.origin}/tv/${campaign.id}`;
	// With audience voting on, the QR code and short address lead TV viewers to their ballot;
	// otherwise to /vote, where a studio audience member types the code of a card.
	const voteUrl = audience.enabled ? audienceUrl : `${url.origin}/vote`;
	const done = url.searchParams.get('done');
	const doneMessage = done ? (doneMessages[done] ?? audienceDone[done]) : undefined;
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		control: stored.control,
		snapshot,
		// While frozen the feed repeats the frozen picture; the host still needs the real turnout.
		turnout: unfrozen?.turnout ?? null,
		audience: {
			...audience,
			url: audienceUrl,
			devices: await getAudienceCounts(getDatabase().db, campaign.id)
		},
		voteUrl,
		qr: qrPath(voteUrl),
		showQr: url.searchParams.has('qr'),
		done: doneMessage ? doneMessage() : null
	};
}) satisfies PageServerLoad;

export const actions = {
	policy: setPolicy,
	reveal: (event) => control(event, { kind: 'reveal_next' }, 'reveal'),
	freeze: (event) => control(event, { kind: 'freeze' }, 'freeze'),
	unfreeze: (event) => control(event, { kind: 'unfreeze' }, 'unfreeze'),
	rehearsalStart: (event) =>
		control(event, { kind: 'rehearsal_start', seed: randomInt(2 ** 31 - 1) }, 'rehearsal_start'),
	rehearsalStop: (event) => control(event, { kind: 'rehearsal_stop' }, 'rehearsal_stop'),
	rehearsalAdd: addRehearsalBallots,
	open: (event) => transition(event, 'open'),
	close: (event) => transition(event, 'closed'),
	audienceOpen: (event) => audience(event, { kind: 'open' }, 'audience_open'),
	audienceClose: (event) => audience(event, { kind: 'close' }, 'audience_close'),
	audienceCount: setAudienceCount
} satisfies Actions;

/** What the host sees after an audience action went through. */
const audienceDone: Record<string, () => string> = {
	audience_open: m.live_host_done_audience_open,
	audience_close: m.live_host_done_audience_close,
	audience_count: m.live_host_done_audience_count
};

const policies = new Set<RevealPolicy>(['running', 'sealed']);
const orders = new Set<RevealOrder>(['bottom_up', 'top_down']);

async function setPolicy(event: RequestEvent) {
	const form = await event.request.formData();
	const policy = form.get('policy') as RevealPolicy;
	const order = form.get('order') as RevealOrder;
	if (!policies.has(policy) || !orders.has(order))
		return fail(400, { message: m.live_error_bad_input() });
	return control(event, { kind: 'policy', policy, order }, 'policy');
}

async function control(event: RequestEvent, action: ControlAction, done: string) {
	const { campaign } = await requireCampaign(event.locals.user, event.params.campaignId);
	const hub = getLiveHub();
	const current = await hub.refreshNow(campaign.id);
	try {
		await changeLiveControl(getDatabase().db, {
			campaignId: campaign.id,
			action,
			places: current?.places ?? 0,
			current,
			actor: auditActor(event.locals.user)
		});
	} catch (error) {
		if (error instanceof ControlError) return fail(409, { message: controlMessage(error.refusal) });
		throw error;
	}
	notifyControlChanged(campaign.id);
	await hub.refreshNow(campaign.id);
	redirect(303, `/live/${campaign.id}/host?done=${done}`);
}

async function addRehearsalBallots(event: RequestEvent) {
	const form = await event.request.formData();
	const count = Number(form.get('count'));
	if (!Number.isInteger(count) || count < 1 || count > 500)
		return fail(400, { message: m.live_error_bad_input() });
	return control(event, { kind: 'rehearsal_add', count }, 'rehearsal_add');
}

/**
 * Opening and closing cannot be undone, so, as on the campaign page, each takes two posts (without
 * JavaScript too): without `confirm=yes` nothing changes and the console answers 400 with the
 * consequence and a second form that carries `confirm=yes`.
 */
async function transition(event: RequestEvent, to: 'open' | 'closed') {
	const { campaign } = await requireCampaign(event.locals.user, event.params.campaignId);
	if (!isConfirmed(await event.request.formData()))
		return fail(400, {
			message: m.campaigns_confirm_needed(),
			confirm: { to, consequence: await transitionConsequence(getDatabase().db, campaign, to) }
		});
	try {
		await transitionCampaign(getDatabase().db, campaign.id, to, auditActor(event.locals.user));
	} catch (error) {
		if (error instanceof TransitionError)
			return fail(409, {
				message: m.live_error_transition({ reason: transitionMessage(error.refusal) }),
				// Named, so that the confirmation's shape survives in the page's form type.
				confirm: null
			});
		throw error;
	}
	notifyControlChanged(campaign.id);
	await getLiveHub().refreshNow(campaign.id);
	redirect(303, `/live/${campaign.id}/host?done=${to === 'open' ? 'open' : 'close'}`);
}

async function setAudienceCount(event: RequestEvent) {
	const form = await event.request.formData();
	const count = form.get('count');
	if (count !== 'apart' && count !== 'with_jury')
		return fail(400, { message: m.live_error_bad_input() });
	return audience(
		event,
		{ kind: 'count_with_jury', value: count === 'with_jury' },
		'audience_count'
	);
}

/** Audience voting on or off, or how it counts: audited (`live.audience_*`), then pushed. */
async function audience(event: RequestEvent, action: AudienceAction, done: string) {
	const { campaign } = await requireCampaign(event.locals.user, event.params.campaignId);
	try {
		await changeAudience(getDatabase().db, {
			campaignId: campaign.id,
			action,
			actor: auditActor(event.locals.user)
		});
	} catch (error) {
		if (error instanceof AudienceControlError)
			return fail(409, { message: audienceControlMessage(error.refusal) });
		throw error;
	}
	notifyControlChanged(campaign.id);
	await getLiveHub().refreshNow(campaign.id);
	redirect(303, `/live/${campaign.id}/host?done=${done}`);
}

import { randomInt } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { ControlAction } from '$lib/domain/live-reveal';
import type { RevealOrder, RevealPolicy } from '$lib/domain/live-snapshot';
import { m } from '$lib/paraglide/messages';
import { auditActor } from '$lib/server/auth/actor';
import { requireCampaign } from '$lib/server/campaigns/access';
import { TransitionError, transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { transitionMessage } from '$lib/server/campaigns/lifecycle-messages';
import { getDatabase } from '$lib/server/db';
import { getLiveHub, notifyControlChanged } from '$lib/server/live';
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
	// Audience members with a card vote at /vote; the QR code and short address lead there.
	const voteUrl = `${url.origin}/vote`;
	const done = url.searchParams.get('done');
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		control: stored.control,
		snapshot,
		// While frozen the feed repeats the frozen picture; the host still needs the real turnout.
		turnout: unfrozen?.turnout ?? null,
		voteUrl,
		qr: qrPath(voteUrl),
		showQr: url.searchParams.has('qr'),
		done: done && doneMessages[done] ? doneMessages[done]() : null
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
	close: (event) => transition(event, 'closed')
} satisfies Actions;

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

async function transition(event: RequestEvent, to: 'open' | 'closed') {
	const { campaign } = await requireCampaign(event.locals.user, event.params.campaignId);
	try {
		await transitionCampaign(getDatabase().db, campaign.id, to, auditActor(event.locals.user));
	} catch (error) {
		if (error instanceof TransitionError)
			return fail(409, {
				message: m.live_error_transition({ reason: transitionMessage(error.refusal) })
			});
		throw error;
	}
	notifyControlChanged(campaign.id);
	await getLiveHub().refreshNow(campaign.id);
	redirect(303, `/live/${campaign.id}/host?done=${to === 'open' ? 'open' : 'close'}`);
}

import { randomUUID } from 'node:crypto';
import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { audienceSettings } from '$lib/domain/audience';
import { readBallotForm } from '$lib/domain/campaign-form';
import { m } from '$lib/paraglide/messages';
import { maxBallotBodyBytes, publicBallot } from '$lib/server/campaigns/ballot-action';
import { describeProblems } from '$lib/server/campaigns/messages';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import {
	AudienceError,
	checkAudienceSend,
	openAudienceBallot,
	submitAudienceBallot
} from '$lib/server/live/audience-ballot';
import { audienceLimits } from '$lib/server/live/audience-limits';
import { audienceErrorMessage } from '$lib/server/live/audience-messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Voters get the server's HTML and one small script (/ballot.js, src/lib/ballot/voter-script.ts), not Svelte's client: the
 * ballot form page stays under its 30 KB JavaScript budget (docs/CAMPAIGNS.md, "The ballot form").
 */
export const csr = false;

/**
 * The TV audience's ballot, public and without sign-in. The first visit from a device mints a
 * one-time audience token and keeps it in an httpOnly cookie scoped to this campaign's path; the
 * token votes once. See docs/LIVE.md, "Audience voting".
 */

const tokenCookie = (campaignId: number) => `minping_tv_${campaignId}`;
/** Long enough for any review; the token itself dies when it is spent or voting closes. */
const cookieMaxAge = 60 * 60 * 24 * 60;

function campaignIdOf(param: string): number {
	const id = parseRowId(param);
	if (id === null) error(404, { message: m.live_tv_error_not_found() });
	return id;
}

function keepToken(cookies: Cookies, url: URL, campaignId: number, token: string): void {
	cookies.set(tokenCookie(campaignId), token, {
		path: `/tv/${campaignId}`,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: cookieMaxAge
	});
}

/** A refusal as the page's error (GET): its status, and when to come back for a rate limit. */
function refuse(event: Pick<RequestEvent, 'setHeaders'>, refusal: AudienceError): never {
	if (refusal.detail.retryAfterSeconds)
		event.setHeaders({ 'retry-after': String(refusal.detail.retryAfterSeconds) });
	error(refusal.status, { message: audienceErrorMessage(refusal) });
}

export const load = (async (event) => {
	const campaignId = campaignIdOf(event.params.campaignId);
	event.setHeaders({ 'cache-control': 'no-store' });
	try {
		const opened = await openAudienceBallot(getDatabase().db, {
			campaignId,
			token: event.cookies.get(tokenCookie(campaignId)) ?? null,
			address: event.getClientAddress(),
			limits: audienceLimits()
		});
		if (opened.minted) keepToken(event.cookies, event.url, campaignId, opened.token);
		const { campaign } = opened.definition;
		return {
			...publicBallot(opened.definition),
			countsWithJury: audienceSettings(campaign.settings).countWithJury
		};
	} catch (caught) {
		if (caught instanceof AudienceError) refuse(event, caught);
		throw caught;
	}
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const campaignId = campaignIdOf(event.params.campaignId);
		const db = getDatabase().db;
		const token = event.cookies.get(tokenCookie(campaignId)) ?? null;
		try {
			const definition = await checkAudienceSend(db, {
				campaignId,
				token,
				address: event.getClientAddress(),
				limits: audienceLimits()
			});
			const declared = Number(event.request.headers.get('content-length') ?? '0');
			if (declared > maxBallotBodyBytes) {
				// Drain it first, so the sender reads the 413 rather than a reset connection.
				await event.request.arrayBuffer().catch(() => undefined);
				return fail(413, { message: m.ballot_error_too_large(), problems: [], values: {} });
			}
			const form = await event.request.formData();
			const key = form.get('idempotency_key');
			const idempotencyKey = typeof key === 'string' ? key : '';
			const { ballots, values } = readBallotForm(form, definition.subjects, definition.questions);
			try {
				const receipt = await submitAudienceBallot(db, {
					campaignId,
					token: token as string,
					idempotencyKey,
					ballots
				});
				redirect(303, `/tv/${campaignId}/done?r=${encodeURIComponent(receipt.receiptCode)}`);
			} catch (caught) {
				if (!(caught instanceof AudienceError)) throw caught;
				const problems = caught.detail.submitError?.problems ?? [];
				return fail(caught.status, {
					message: audienceErrorMessage(caught),
					problems: describeProblems(problems, definition.subjects, definition.questions),
					values,
					// Nothing was written, so the corrected form may reuse the key.
					idempotencyKey: idempotencyKey || randomUUID()
				});
			}
		} catch (caught) {
			if (!(caught instanceof AudienceError)) throw caught;
			if (caught.detail.retryAfterSeconds)
				event.setHeaders({ 'retry-after': String(caught.detail.retryAfterSeconds) });
			return fail(caught.status, {
				message: audienceErrorMessage(caught),
				problems: [],
				values: {}
			});
		}
	}
} satisfies Actions;

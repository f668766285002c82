import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { formatBallotCode } from '$lib/domain/campaign-code';
import { auditActor } from '$lib/server/auth/actor';
import { printBallotCards } from '$lib/server/campaigns/cards';
import { requireCampaign } from '$lib/server/campaigns/access';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const maxCards = 500;

export const load = (async ({ locals, params, url }) => {
	const { campaign, tiers } = await requireCampaign(locals.user, params.id);
	const n = Math.min(maxCards, Math.max(1, Number(url.searchParams.get('n')) || 20));
	return {
		campaign: {
			id: campaign.id,
			title: campaign.title,
			state: campaign.state,
			testMode: campaign.testMode
		},
		tiers: tiers.map((t) => ({ id: t.id, name: t.name })),
		n
	};
}) satisfies PageServerLoad;

export const actions = {
	print: printCards
} satisfies Actions;

/**
 * Codes exist in clear only in this response: the page shows them once, for printing, and the
 * database keeps only their hashes. Reloading does not reprint; it asks again.
 */
async function printCards({ locals, params, request, url }: RequestEvent) {
	const { campaign, tiers } = await requireCampaign(locals.user, params.id);
	const form = await request.formData();
	const n = Number(form.get('n'));
	if (!Number.isInteger(n) || n < 1 || n > maxCards)
		return fail(400, { message: m.campaigns_cards_error_count({ max: maxCards }) });
	const tierText = String(form.get('tierId') ?? '');
	const tierId = tierText === '' ? null : Number(tierText);
	if (tierId !== null && !tiers.some((t) => t.id === tierId))
		return fail(400, { message: m.campaigns_error_tier() });
	if (campaign.state !== 'draft' && campaign.state !== 'open')
		return fail(409, { message: m.campaigns_cards_error_state() });
	const codes = await printBallotCards(
		getDatabase().db,
		campaign.id,
		n,
		tierId,
		auditActor(locals.user)
	);
	const cards = codes.map((code) => {
		const link = `${url.origin}/vote/${code}`;
		return { code: formatBallotCode(code), link, qr: qrPath(link) };
	});
	return { cards, tier: tiers.find((t) => t.id === tierId)?.name ?? null };
}

/**
 * The QR code as one SVG path (a unit square per dark module), drawn by the page as markup rather
 * than injected HTML.
 */
function qrPath(text: string): { size: number; path: string } {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	let path = '';
	for (let y = 0; y < modules.size; y++)
		for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
	return { size: modules.size, path };
}

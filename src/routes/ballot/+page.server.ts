import { error } from '@sveltejs/kit';
import { listJurorCampaigns } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

// A plain list of links to the ballot pages, which load no Svelte client either.
export const csr = false;

export const load = (async ({ locals, setHeaders }) => {
	if (!locals.user || locals.user.kind !== 'juror')
		error(403, { message: m.ballot_error_jurors_only() });
	// Back from a receipt, the list must say 已投票, not what the browser cached before the vote.
	setHeaders({ 'cache-control': 'no-store' });
	return { campaigns: await listJurorCampaigns(getDatabase().db, locals.user.id) };
}) satisfies PageServerLoad;

import { error } from '@sveltejs/kit';
import { listJurorCampaigns } from '$lib/server/campaigns/queries';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

// A plain list of links to the ballot pages, which load no Svelte client either.
export const csr = false;

export const load = (async ({ locals }) => {
	if (!locals.user || locals.user.kind !== 'juror')
		error(403, { message: m.ballot_error_jurors_only() });
	return { campaigns: await listJurorCampaigns(getDatabase().db, locals.user.id) };
}) satisfies PageServerLoad;

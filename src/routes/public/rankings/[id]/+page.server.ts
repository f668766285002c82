import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { getPublishedGroup, type GroupSnapshot } from '$lib/server/results/groups';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** A ranking group's combined ranking, public once frozen; anything else is not found. */
export const load = (async ({ params }) => {
	const id = parseRowId(params.id);
	const published = id === null ? null : await getPublishedGroup(getDatabase().db, id);
	if (!published) error(404, { message: m.results_group_error_not_found() });
	const snapshot = JSON.parse(published.snapshot) as GroupSnapshot;
	return {
		group: snapshot.group,
		members: snapshot.members,
		basis: snapshot.basis,
		ranking: snapshot.ranking,
		exact: snapshot.settings.rankOn === 'exact',
		sha256: published.sha256,
		publishedAt: published.publishedAt
	};
}) satisfies PageServerLoad;

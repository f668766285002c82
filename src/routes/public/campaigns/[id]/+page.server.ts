import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { publishedGroupOfCampaign, type GroupSnapshot } from '$lib/server/results/groups';
import { getPublishedResult } from '$lib/server/results/queries';
import { parsePublished } from '$lib/server/results/snapshot';
import { buildReport } from '$lib/server/results/view';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** Public results: only what was frozen at publication; anything else is simply not found. */
export const load = (async ({ params }) => {
	const id = parseRowId(params.id);
	const db = getDatabase().db;
	const published = id === null ? null : await getPublishedResult(db, id);
	if (!published || id === null) error(404, { message: m.results_error_not_found() });
	const group = await publishedGroupOfCampaign(db, id);
	return {
		group: group && {
			id: group.groupId,
			title: (JSON.parse(group.snapshot) as GroupSnapshot).group.title
		},
		report: buildReport(parsePublished(published.snapshot)),
		sha256: published.sha256,
		publishedAt: published.publishedAt
	};
}) satisfies PageServerLoad;

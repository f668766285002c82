import { loadList } from '$lib/server/reference/pages';
import { listRegions } from '$lib/server/reference/queries';
import { parseRegionListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = ((event) =>
	loadList('region', event, parseRegionListQuery, listRegions)) satisfies PageServerLoad;

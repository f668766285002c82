import { loadList } from '$lib/server/reference/pages';
import { listUnits } from '$lib/server/reference/queries';
import { parseUnitListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = ((event) =>
	loadList('unit', event, parseUnitListQuery, listUnits)) satisfies PageServerLoad;

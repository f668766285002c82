import { loadList } from '$lib/server/reference/pages';
import { listCadres } from '$lib/server/reference/queries';
import { parseCadreListQuery } from '$lib/server/reference/validate';
import type { PageServerLoad } from './$types';

export const load = ((event) =>
	loadList('cadre', event, parseCadreListQuery, listCadres)) satisfies PageServerLoad;

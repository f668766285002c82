import { archiveAction, loadRecord, saveAction } from '$lib/server/reference/pages';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => loadRecord('region', event)) satisfies PageServerLoad;

export const actions = {
	save: (event) => saveAction('region', event),
	archive: (event) => archiveAction('region', event, true),
	unarchive: (event) => archiveAction('region', event, false)
} satisfies Actions;

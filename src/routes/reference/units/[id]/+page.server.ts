import { archiveAction, loadRecord, saveAction } from '$lib/server/reference/pages';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => loadRecord('unit', event)) satisfies PageServerLoad;

export const actions = {
	save: (event) => saveAction('unit', event),
	archive: (event) => archiveAction('unit', event, true),
	unarchive: (event) => archiveAction('unit', event, false)
} satisfies Actions;

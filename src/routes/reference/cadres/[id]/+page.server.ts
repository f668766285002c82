import { archiveAction, loadRecord, saveAction } from '$lib/server/reference/pages';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => loadRecord('cadre', event)) satisfies PageServerLoad;

export const actions = {
	save: (event) => saveAction('cadre', event),
	archive: (event) => archiveAction('cadre', event, true),
	unarchive: (event) => archiveAction('cadre', event, false)
} satisfies Actions;

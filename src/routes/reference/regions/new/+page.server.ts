import { createAction } from '$lib/server/reference/pages';
import type { Actions } from './$types';

export const actions = {
	default: (event) => createAction('region', event)
} satisfies Actions;

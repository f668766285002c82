import { fail, redirect } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { canEditResults } from '$lib/server/results/access';
import {
	createGroup,
	GroupError,
	groupRegionChoices,
	listGroups
} from '$lib/server/results/groups';
import { groupMessage } from '$lib/server/results/messages';
import { readScope, writeScope } from '$lib/server/results/scope';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

export const load = (async ({ locals }) => {
	const db = getDatabase().db;
	const canEdit = canEditResults(locals.user);
	const [groups, regions] = await Promise.all([
		listGroups(db, await readScope(db, locals.user)),
		canEdit ? groupRegionChoices(db, await writeScope(db, locals.user)) : []
	]);
	return { groups, regions, canEdit, year: thisYear() };
}) satisfies PageServerLoad;

async function create({ locals, request }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const values = {
		title: String(form.get('title') ?? '').slice(0, 200),
		kind: String(form.get('kind') ?? ''),
		year: String(form.get('year') ?? '').slice(0, 10),
		region: String(form.get('region') ?? '')
	};
	const regionId = values.region === '' ? null : parseRowId(values.region);
	if (values.region !== '' && regionId === null)
		return fail(400, { message: groupMessage('region'), values });
	const year = /^\d{4}$/.test(values.year.trim()) ? Number(values.year) : Number.NaN;
	let id: number;
	try {
		id = await createGroup(
			db,
			{ title: values.title, kind: values.kind, year, regionId },
			await writeScope(db, locals.user),
			auditActor(locals.user)
		);
	} catch (e) {
		if (!(e instanceof GroupError)) throw e;
		return fail(400, { message: groupMessage(e.refusal), values });
	}
	redirect(303, `/results/groups/${id}`);
}

export const actions = { create } satisfies Actions;

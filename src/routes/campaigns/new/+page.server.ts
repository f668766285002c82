import { fail, redirect } from '@sveltejs/kit';
import { templateList } from '$lib/domain/campaign-templates';
import { auditActor } from '$lib/server/auth/actor';
import { getSubjectChoices } from '$lib/server/campaigns/choices';
import { createCampaignFromTemplate } from '$lib/server/campaigns/create';
import { parseNewCampaign } from '$lib/server/campaigns/validate';
import { getDatabase } from '$lib/server/db';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async () => {
	const choices = await getSubjectChoices(getDatabase().db);
	const templates = templateList.map((t) => ({ kind: t.kind, subjectKinds: t.subjectKinds }));
	return { choices, templates };
}) satisfies PageServerLoad;

export const actions = {
	create: createCampaign
} satisfies Actions;

async function createCampaign({ locals, request }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const parsed = parseNewCampaign(form, await getSubjectChoices(db));
	if (!parsed.ok)
		return fail(400, {
			message: parsed.message,
			kind: String(form.get('kind') ?? ''),
			title: String(form.get('title') ?? ''),
			otherSubjects: String(form.get('otherSubjects') ?? '')
		});
	const id = await createCampaignFromTemplate(db, parsed.value, auditActor(locals.user));
	redirect(303, `/campaigns/${id}`);
}

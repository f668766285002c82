import { fail, redirect } from '@sveltejs/kit';
import { templateList } from '$lib/domain/campaign-templates';
import { auditActor } from '$lib/server/auth/actor';
import { inScope, organizerScope } from '$lib/server/campaigns/access';
import { getSubjectChoices } from '$lib/server/campaigns/choices';
import { createCampaignFromTemplate } from '$lib/server/campaigns/create';
import { echoNewCampaign, parseNewCampaign } from '$lib/server/campaigns/validate';
import { getDatabase } from '$lib/server/db';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The form's choices, with regions cut to those the organizer manages. */
async function choicesFor(user: App.Locals['user']) {
	const [choices, scope] = await Promise.all([
		getSubjectChoices(getDatabase().db),
		organizerScope(user)
	]);
	const regions = choices.regions.filter((r) => inScope(scope, r.id));
	return { choices: { ...choices, regions }, regionRequired: scope !== null };
}

export const load = (async ({ locals }) => {
	const { choices, regionRequired } = await choicesFor(locals.user);
	const templates = templateList.map((t) => ({ kind: t.kind, subjectKinds: t.subjectKinds }));
	return { choices, templates, regionRequired };
}) satisfies PageServerLoad;

export const actions = {
	create: createCampaign
} satisfies Actions;

async function createCampaign({ locals, request }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const { choices, regionRequired } = await choicesFor(locals.user);
	const parsed = parseNewCampaign(form, choices, regionRequired);
	if (!parsed.ok) return fail(400, { message: parsed.message, ...echoNewCampaign(form) });
	const id = await createCampaignFromTemplate(db, parsed.value, auditActor(locals.user));
	redirect(303, `/campaigns/${id}`);
}

import { fail, redirect } from '@sveltejs/kit';
import { templateList } from '$lib/domain/campaign-templates';
import {
	filterCadres,
	filterUnits,
	parsePickerFilter,
	pickerRegionId,
	regionsWithin,
	selectShown
} from '$lib/domain/subject-picker';
import { auditActor } from '$lib/server/auth/actor';
import { organizerScope } from '$lib/server/campaigns/access';
import { getSubjectChoices } from '$lib/server/campaigns/choices';
import { createCampaignFromTemplate } from '$lib/server/campaigns/create';
import { echoNewCampaign, parseNewCampaign } from '$lib/server/campaigns/validate';
import { getDatabase } from '$lib/server/db';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The form's choices: regions, units, windows and cadres in the organizer's regions only. */
async function choicesFor(user: App.Locals['user']) {
	const scope = await organizerScope(user);
	const choices = await getSubjectChoices(getDatabase().db, scope);
	return { choices, regionRequired: scope !== null };
}

export const load = (async ({ locals }) => {
	const { choices, regionRequired } = await choicesFor(locals.user);
	const templates = templateList.map((t) => ({ kind: t.kind, subjectKinds: t.subjectKinds }));
	return { choices, templates, regionRequired };
}) satisfies PageServerLoad;

export const actions = {
	create: createCampaign,
	filter: filterSubjects
} satisfies Actions;

async function createCampaign({ locals, request }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const { choices, regionRequired } = await choicesFor(locals.user);
	const parsed = parseNewCampaign(form, choices, regionRequired);
	if (!parsed.ok)
		return fail(400, {
			message: parsed.message,
			...echoNewCampaign(form),
			filter: parsePickerFilter(form)
		});
	const id = await createCampaignFromTemplate(db, parsed.value, auditActor(locals.user));
	redirect(303, `/campaigns/${id}`);
}

/**
 * The pickers without JavaScript: "筛选" posts the whole form here and the page comes back with
 * everything entered, the lists narrowed, and — for "全选显示的" / "清空已选" — the selection
 * changed. Nothing is written. (With JavaScript the page filters and selects in place.)
 */
async function filterSubjects({ locals, request }: RequestEvent) {
	const form = await request.formData();
	const { choices, regionRequired } = await choicesFor(locals.user);
	const echo = echoNewCampaign(form);
	const filter = parsePickerFilter(form);
	const within = regionsWithin(
		choices.regions,
		pickerRegionId(echo.regionId, choices.regions, regionRequired)
	);
	const bulk = form.get('bulk');
	if (bulk === 'units:all')
		echo.unitIds = selectShown(echo.unitIds, filterUnits(choices.units, filter, within));
	if (bulk === 'cadres:all')
		echo.cadreIds = selectShown(echo.cadreIds, filterCadres(choices.cadres, filter, within));
	if (bulk === 'units:clear') echo.unitIds = [];
	if (bulk === 'cadres:clear') echo.cadreIds = [];
	return { ...echo, filter };
}

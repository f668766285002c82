import { fail } from '@sveltejs/kit';
import { jurorCategories } from '$lib/domain/jury-composition';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { recordRecommendation } from '$lib/server/jury/applications';
import { actorOf, runJuryCommand } from '$lib/server/jury/page-helpers';
import { listDistricts, listUnits } from '$lib/server/jury/lookups';
import { inJuryScope, juryScope } from '$lib/server/jury/scope';
import { parseRecommendation } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	const { db } = getDatabase();
	const [districts, units, scope] = await Promise.all([
		listDistricts(db),
		listUnits(db),
		juryScope(db, locals.user)
	]);
	return {
		districts: districts.filter((district) => inJuryScope(scope, district.id)),
		units,
		categories: [...jurorCategories]
	};
}) satisfies PageServerLoad;

export const actions = {
	default: recommend
} satisfies Actions;

async function recommend(event: RequestEvent) {
	const form = Object.fromEntries(await event.request.formData());
	const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)]));
	const roster = values.roster === 'supervisor' ? 'supervisor' : 'jury';
	const parsed = parseRecommendation(form);
	if (!parsed.ok) return fail(400, { message: m.jury_apply_fix(), values, errors: parsed.errors });
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	if (!inJuryScope(scope, parsed.value.regionId)) {
		return fail(403, {
			message: m.jury_error_out_of_scope(),
			values,
			errors: { regionId: 'district_out_of_scope' }
		});
	}
	const result = await runJuryCommand(
		() => recordRecommendation(db, roster, parsed.value, actorOf(event.locals), scope),
		{ values, errors: {} }
	);
	if (!result.ok) return result.failure;
	return { success: m.jury_recommend_done({ number: result.value.confirmationNumber }) };
}

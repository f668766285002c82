import { fail } from '@sveltejs/kit';
import { jurorCategories } from '$lib/domain/jury-composition';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { recordRecommendation } from '$lib/server/jury/applications';
import { actorOf, runJuryCommand } from '$lib/server/jury/page-helpers';
import { listDistricts, listUnits } from '$lib/server/jury/lookups';
import { parseRecommendation } from '$lib/server/jury/validate';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async () => {
	const { db } = getDatabase();
	const [districts, units] = await Promise.all([listDistricts(db), listUnits(db)]);
	return { districts, units, categories: [...jurorCategories] };
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
	const result = await runJuryCommand(
		() => recordRecommendation(getDatabase().db, roster, parsed.value, actorOf(event.locals)),
		{ values, errors: {} }
	);
	if (!result.ok) return result.failure;
	return { success: m.jury_recommend_done({ number: result.value.confirmationNumber }) };
}

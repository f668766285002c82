import { fail } from '@sveltejs/kit';
import { isJurorCategory, jurorCategories, type JurorCategory } from '$lib/domain/jury-composition';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { actorOf, formText } from '$lib/server/jury/page-helpers';
import { juryScope } from '$lib/server/jury/scope';
import { getJurySettings, saveJurySettings } from '$lib/server/jury/settings';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async () => {
	const settings = await getJurySettings(getDatabase().db);
	return { settings, categories: [...jurorCategories] };
}) satisfies PageServerLoad;

export const actions = {
	default: save
} satisfies Actions;

function wholeNumber(value: string, min: number, max: number): number | null {
	if (!/^\d{1,4}$/.test(value)) return null;
	const number = Number(value);
	return number >= min && number <= max ? number : null;
}

/** The share is entered as a whole percentage and stored as the exact fraction percent/100. */
async function save(event: RequestEvent) {
	// The rule governs the whole jury, so an organizer limited to some regions may not change it.
	if ((await juryScope(getDatabase().db, event.locals.user)) !== null) {
		return fail(403, { message: m.jury_error_settings_scope() });
	}
	const form = await event.request.formData();
	const counted = form
		.getAll('counted')
		.filter((value): value is JurorCategory => isJurorCategory(value));
	const percent = wholeNumber(formText(form, 'share'), 0, 100);
	const termMonths = wholeNumber(formText(form, 'termMonths'), 1, 120);
	const renewalNoticeDays = wholeNumber(formText(form, 'renewalNoticeDays'), 0, 365);
	if (
		counted.length === 0 ||
		percent === null ||
		termMonths === null ||
		renewalNoticeDays === null
	) {
		return fail(400, { message: m.jury_error_bad_settings() });
	}
	await getDatabase().db.transaction((tx) =>
		saveJurySettings(
			tx,
			{
				rule: { countedCategories: counted, minShare: { num: percent, den: 100 } },
				terms: { termMonths, renewalNoticeDays }
			},
			actorOf(event.locals)
		)
	);
	return { success: m.jury_detail_saved() };
}

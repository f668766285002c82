import { fail } from '@sveltejs/kit';
import {
	headroomForOthers,
	isJurorCategory,
	jurorCategories,
	meetsShare
} from '$lib/domain/jury-composition';
import { isIsoDate } from '$lib/domain/jury-terms';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { jurorStatus, type JurorStatus, type RosterKind } from '$lib/server/db/schema';
import { actorOf, formText, juryToday } from '$lib/server/jury/page-helpers';
import { countComposition, countRoster, listRoster } from '$lib/server/jury/queries';
import { listDistricts } from '$lib/server/jury/lookups';
import { inJuryScope, juryScope } from '$lib/server/jury/scope';
import { getJurySettings } from '$lib/server/jury/settings';
import { expireDueTerms } from '$lib/server/jury/membership';
import { appointApproved } from '$lib/server/jury/terms';
import {
	countWithoutLiveCode,
	issueRosterCodes,
	ROSTER_CODES_BATCH,
	toCodeCards
} from '$lib/server/jury/invitations';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function isStatus(value: string | null): value is JurorStatus {
	return (jurorStatus.enumValues as readonly string[]).includes(value ?? '');
}

const pageSize = 100;

export const load = (async ({ url, locals }) => {
	const { db } = getDatabase();
	const scope = await juryScope(db, locals.user);
	const today = juryToday();
	await expireDueTerms(db, today);
	const roster: RosterKind =
		url.searchParams.get('roster') === 'supervisor' ? 'supervisor' : 'jury';
	const status = url.searchParams.get('status');
	const category = url.searchParams.get('category');
	const regionId = Number(url.searchParams.get('regionId')) || undefined;
	const search = url.searchParams.get('q')?.trim() || undefined;
	const page = Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
	const filter = {
		roster,
		status: isStatus(status) ? status : undefined,
		category: isJurorCategory(category) ? category : undefined,
		regionId,
		search,
		scope
	};
	const settings = await getJurySettings(db);
	const [composition, rows, matching, approvedCount, districts, withoutCode] = await Promise.all([
		countComposition(db, settings.rule),
		listRoster(db, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
		countRoster(db, filter),
		countRoster(db, { roster, status: 'approved', scope }),
		listDistricts(db),
		countWithoutLiveCode(db, roster, scope)
	]);
	// The share stays the whole jury's (the rule is about the jury as a whole); the list is scoped.
	const scopedDistricts = districts.filter((district) => inJuryScope(scope, district.id));
	return {
		roster,
		filter: {
			status: status ?? '',
			category: category ?? '',
			regionId: regionId ?? '',
			q: search ?? ''
		},
		composition,
		rule: settings.rule,
		meetsRule: meetsShare(composition, settings.rule.minShare),
		headroom: headroomForOthers(settings.rule, composition),
		rows,
		paging: { page, pages: Math.max(1, Math.ceil(matching / pageSize)), matching },
		approvedCount,
		codes: { without: withoutCode, batch: ROSTER_CODES_BATCH },
		districts: scopedDistricts,
		scope: scope === null ? null : scopedDistricts.map((district) => district.name),
		statuses: [...jurorStatus.enumValues],
		categories: [...jurorCategories],
		today
	};
}) satisfies PageServerLoad;

export const actions = {
	appointAll,
	issueCodes
} satisfies Actions;

async function appointAll(event: RequestEvent) {
	const form = await event.request.formData();
	const startsOn = formText(form, 'startsOn');
	if (!isIsoDate(startsOn)) return fail(400, { message: m.jury_error_bad_date() });
	const roster = formText(form, 'roster') === 'supervisor' ? 'supervisor' : 'jury';
	const { db } = getDatabase();
	// Only the organizer's own approved members: the scoped list is what gets appointed.
	const scope = await juryScope(db, event.locals.user);
	const approved = await listRoster(db, { roster, status: 'approved', scope }, { limit: 5000 });
	const result = await appointApproved(
		db,
		approved.map((row) => row.id),
		startsOn,
		actorOf(event.locals)
	);
	return {
		success: m.jury_appoint_all_done({
			appointed: result.appointed.length,
			refused: result.refused.length
		})
	};
}

/**
 * Cards for the next round of active members without a working code, in the organizer's regions.
 * The plain codes exist only in this response; only their hashes are stored.
 */
async function issueCodes(event: RequestEvent) {
	const roster = formText(await event.request.formData(), 'roster');
	// Named explicitly (the form always sends it): a request without it issues nothing.
	if (roster !== 'jury' && roster !== 'supervisor') {
		return fail(400, { message: m.jury_error_bad_roster() });
	}
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	const { codes, remaining } = await issueRosterCodes(db, { roster, scope }, actorOf(event.locals));
	const success =
		remaining > 0
			? m.jury_bulk_codes_done({ issued: codes.length, remaining })
			: m.jury_bulk_codes_all_done({ issued: codes.length });
	return { success, cards: await toCodeCards(codes, event.url.origin) };
}

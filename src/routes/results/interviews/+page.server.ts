import { fail, redirect } from '@sveltejs/kit';
import { auditActor } from '$lib/server/auth/actor';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { canEditResults } from '$lib/server/results/access';
import {
	deleteInterview,
	InterviewError,
	interviewChoices,
	listInterviews,
	parseInterviewForm,
	recordInterview
} from '$lib/server/results/interviews';
import { interviewMessage } from '$lib/server/results/messages';
import { readScope, writeScope } from '$lib/server/results/scope';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

function yearOf(text: string | null): number {
	const year = Number(text);
	return Number.isInteger(year) && year >= 2000 && year <= 2200 ? year : thisYear();
}

export const load = (async ({ locals, url }) => {
	const db = getDatabase().db;
	const year = yearOf(url.searchParams.get('year'));
	const canEdit = canEditResults(locals.user);
	const [interviews, choices] = await Promise.all([
		listInterviews(db, year, await readScope(db, locals.user)),
		canEdit ? interviewChoices(db, await writeScope(db, locals.user)) : null
	]);
	return {
		year,
		interviews,
		choices,
		canEdit,
		today: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

async function record({ locals, request }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const values = {
		kind: String(form.get('kind') ?? ''),
		cadre: String(form.get('cadre') ?? ''),
		unit: String(form.get('unit') ?? ''),
		heldOn: String(form.get('heldOn') ?? '').slice(0, 20),
		reason: String(form.get('reason') ?? '').slice(0, 1000)
	};
	const input = parseInterviewForm(form);
	if (typeof input === 'string') return fail(400, { message: interviewMessage(input), values });
	try {
		await recordInterview(db, input, await writeScope(db, locals.user), auditActor(locals.user));
	} catch (e) {
		if (!(e instanceof InterviewError)) throw e;
		const status = e.refusal === 'outside_scope' ? 403 : 400;
		return fail(status, { message: interviewMessage(e.refusal), values });
	}
	redirect(303, `/results/interviews?year=${input.year}&done=recorded`);
}

async function remove({ locals, request, url }: RequestEvent) {
	const db = getDatabase().db;
	const form = await request.formData();
	const id = parseRowId(String(form.get('id') ?? ''));
	if (id === null) return fail(404, { message: interviewMessage('not_found') });
	try {
		await deleteInterview(db, id, await writeScope(db, locals.user), auditActor(locals.user));
	} catch (e) {
		if (!(e instanceof InterviewError)) throw e;
		return fail(404, { message: interviewMessage(e.refusal) });
	}
	const year = yearOf(url.searchParams.get('year') ?? String(form.get('year') ?? ''));
	redirect(303, `/results/interviews?year=${year}&done=deleted`);
}

export const actions = { record, delete: remove } satisfies Actions;

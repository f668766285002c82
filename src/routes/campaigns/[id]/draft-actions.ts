import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { parseTierWeights, type QuestionEdit } from '$lib/domain/campaign-edit';
import { auditActor } from '$lib/server/auth/actor';
import { requireCampaign } from '$lib/server/campaigns/access';
import { NotEditableError } from '$lib/server/campaigns/edit';
import {
	addTypedSubjects,
	EditError,
	setTierWeights,
	updateQuestion
} from '$lib/server/campaigns/edit-questions';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';

type Event = RequestEvent<{ id: string }>;

/** Draft edits of questions, tiers and subjects; each refuses once the campaign has opened. */
export async function editQuestion({ locals, params, request }: Event) {
	const { campaign, questions } = await requireCampaign(locals.user, params.id);
	const form = await request.formData();
	const question = questions.find((q) => q.id === Number(form.get('questionId')));
	if (!question) return fail(400, { message: m.campaigns_error_question() });
	const edit: QuestionEdit = { required: form.get('required') === 'on' };
	if (question.scale.type === 'choice')
		edit.options = Object.fromEntries(
			question.scale.options.map((o) => {
				const text = String(form.get(`value:${o.key}`) ?? '').trim();
				const value = text === '' ? null : Number(text);
				return [o.key, { value, excluded: form.get(`excluded:${o.key}`) === 'on' }];
			})
		);
	if (question.scale.type === 'score')
		edit.range = { min: Number(form.get('min')), max: Number(form.get('max')) };
	return editing(campaign.id, () =>
		updateQuestion(getDatabase().db, campaign.id, question.id, edit, auditActor(locals.user))
	);
}

export async function editTiers({ locals, params, request }: Event) {
	const { campaign, tiers } = await requireCampaign(locals.user, params.id);
	const form = await request.formData();
	const weights = parseTierWeights(
		tiers.map((t) => t.id),
		(id) => String(form.get(`weight:${id}`) ?? '')
	);
	if (!weights) return fail(400, { message: m.campaigns_error_weight() });
	return editing(campaign.id, () =>
		setTierWeights(getDatabase().db, campaign.id, weights, auditActor(locals.user))
	);
}

export async function addSubjectsByName({ locals, params, request }: Event) {
	const { campaign } = await requireCampaign(locals.user, params.id);
	const labels = String((await request.formData()).get('labels') ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	if (labels.length === 0 || labels.length > 500 || labels.some((l) => l.length > 100))
		return fail(400, { message: m.campaigns_error_subject_name() });
	return editing(campaign.id, () =>
		addTypedSubjects(getDatabase().db, campaign.id, labels, auditActor(locals.user))
	);
}

async function editing(id: number, change: () => Promise<void>) {
	try {
		await change();
	} catch (e) {
		if (e instanceof NotEditableError) return fail(409, { message: m.campaigns_error_frozen() });
		if (e instanceof EditError)
			return fail(400, {
				message: e.refusal === 'range' ? m.campaigns_error_range() : m.campaigns_error_points()
			});
		throw e;
	}
	redirect(303, `/campaigns/${id}`);
}

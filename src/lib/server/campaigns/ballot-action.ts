import { randomUUID } from 'node:crypto';
import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { ballotSubjects, withoutRecused } from '$lib/domain/campaign-ballot';
import {
	answerField,
	readBallotForm,
	reasonField,
	type FormValues
} from '$lib/domain/campaign-form';
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { getDatabase } from '$lib/server/db';
import type { BallotDefinition } from './definition';
import { SubmitError } from './errors';
import { describeProblems, submitErrorMessage, type ProblemLine } from './messages';
import { submitBallots, type Rater } from './submit';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { m } from '$lib/paraglide/messages';

/** A ballot form body is a few kilobytes; anything this big is not a ballot. */
export const maxBallotBodyBytes = 256 * 1024;

export interface BallotFailure {
	message: string;
	problems: ProblemLine[];
	values: FormValues;
	idempotencyKey: string;
}

/** What a ballot page sends to the browser: never settings, electorate or anything internal. */
export function publicBallot(definition: BallotDefinition) {
	const { campaign } = definition;
	return {
		campaign: {
			id: campaign.id,
			title: campaign.title,
			kind: campaign.kind,
			testMode: campaign.testMode,
			secret: campaign.secret
		},
		subjects: definition.subjects satisfies BallotSubject[],
		questions: definition.questions satisfies BallotQuestion[],
		// A fresh key for each rendering: a resubmitted form carries it and is never counted twice.
		idempotencyKey: randomUUID()
	};
}

/**
 * The form action shared by /ballot/[id] and /vote/[code]: read, submit, and either redirect to
 * the receipt (303, so a reload does not post again) or refill the form with what went wrong.
 */
export async function submitBallotForm(
	request: Request,
	definition: BallotDefinition,
	rater: Rater,
	receiptPath: string,
	recused: readonly number[] = []
): Promise<ActionFailure<BallotFailure>> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBallotBodyBytes) {
		// Drain it first (the server caps bodies), so the sender reads the 413 rather than a reset.
		await request.arrayBuffer().catch(() => undefined);
		return fail(413, failure(new SubmitError('too_large'), definition, {}, randomUUID()));
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return fail(400, failure(new SubmitError('malformed'), definition, {}, randomUUID()));
	}
	const key = form.get('idempotency_key');
	const idempotencyKey = typeof key === 'string' ? key : '';
	const shown = withoutRecused(definition.subjects, recused);
	const { ballots, values } = readBallotForm(form, shown, definition.questions);
	// The form never shows a recused subject (回避); a body that answers one anyway is refused by
	// the check (400), not silently trimmed.
	for (const subjectId of recused)
		if (answersSubject(form, subjectId)) ballots.push({ subjectId, answers: {} });
	try {
		const receipt = await submitBallots(getDatabase().db, {
			campaignId: definition.campaign.id,
			idempotencyKey,
			rater,
			ballots
		});
		redirect(303, `${receiptPath}?r=${encodeURIComponent(receipt.receiptCode)}`);
	} catch (error) {
		// Nothing was stored: the form comes back with its answers and key, to be sent again.
		if (isDatabaseUnavailable(error))
			return fail(503, {
				message: m.error_database_unavailable(),
				problems: [],
				values,
				idempotencyKey: idempotencyKey || randomUUID()
			} satisfies BallotFailure);
		if (!(error instanceof SubmitError)) throw error;
		return fail(error.status, failure(error, definition, values, idempotencyKey || randomUUID()));
	}
}

function answersSubject(form: FormData, subjectId: number): boolean {
	for (const name of form.keys())
		if (name.startsWith(answerField(subjectId, '')) || name.startsWith(reasonField(subjectId, '')))
			return true;
	return false;
}

/**
 * What a recused rater (回避) is shown: the subjects left to rate, the names of those they are
 * recused from, and whether nothing is left (then the form says so instead of asking).
 */
export function recusalView(definition: BallotDefinition, recused: readonly number[]) {
	const names = definition.subjects.filter((s) => recused.includes(s.id)).map((s) => s.label);
	const subjects = withoutRecused(definition.subjects, recused);
	return {
		definition: { ...definition, subjects },
		recusedNames: names,
		nothingToRate: recused.length > 0 && ballotSubjects(subjects, definition.questions).length === 0
	};
}

function failure(
	error: SubmitError,
	definition: BallotDefinition,
	values: FormValues,
	idempotencyKey: string
): BallotFailure {
	return {
		message: submitErrorMessage(error),
		problems: describeProblems(error.problems, definition.subjects, definition.questions),
		values,
		// Nothing was written, so the same key is safe to reuse for the corrected form.
		idempotencyKey
	};
}

import { randomUUID } from 'node:crypto';
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import * as table from '$lib/server/db/schema';
import { jsonParam, type RawExecutor } from '$lib/server/db/raw';
import type { Executor } from './definition';

export type BallotRow = typeof table.ballot.$inferInsert;
export type AnswerRow = typeof table.ballotAnswer.$inferInsert;

/** The rows one rater's ballots become: a random id per ballot, the day only, no rater if secret. */
export function ballotRows(
	campaign: Pick<table.Campaign, 'id' | 'secret'>,
	rater: { userId: number | null; tierId: number | null; channel: table.BallotChannel },
	ballots: CheckedBallot[],
	castOn = today()
): { ballots: BallotRow[]; answers: AnswerRow[] } {
	const rows: BallotRow[] = [];
	const answers: AnswerRow[] = [];
	for (const b of ballots) {
		const id = randomUUID();
		rows.push({
			id,
			campaignId: campaign.id,
			subjectId: b.subjectId,
			tierId: rater.tierId,
			channel: rater.channel,
			castOn,
			raterId: campaign.secret ? null : rater.userId
		});
		for (const a of b.answers) answers.push({ ...a, ballotId: id });
	}
	return { ballots: rows, answers };
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for the widest table here (7 columns). */
const rowsPerStatement = 4000;

export function chunks<T>(rows: T[], size = rowsPerStatement): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

export async function insertBallotRows(
	tx: Executor,
	ballots: BallotRow[],
	answers: AnswerRow[]
): Promise<void> {
	const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	for (const part of chunks([...ballots].sort(byId))) await tx.insert(table.ballot).values(part);
	const sorted = [...answers].sort((a, b) =>
		a.ballotId < b.ballotId ? -1 : a.ballotId > b.ballotId ? 1 : a.questionId - b.questionId
	);
	for (const part of chunks(sorted)) await tx.insert(table.ballotAnswer).values(part);
}

/**
 * The same rows as insertBallotRows, written by the group commit (submit-batch.ts) in one
 * statement of fixed text: the ballots and their answers, each as one jsonb parameter, both in
 * random-id order so row order says nothing about arrival.
 */
export async function insertBallotRowsRaw(
	tx: RawExecutor,
	ballots: BallotRow[],
	answers: AnswerRow[],
	castOn: string
): Promise<void> {
	const ballotJson = ballots.map((b) => ({
		id: b.id,
		c: b.campaignId,
		s: b.subjectId,
		t: b.tierId ?? null,
		ch: b.channel,
		r: b.raterId ?? null
	}));
	const answerJson = answers.map((a) => ({
		b: a.ballotId,
		q: a.questionId,
		o: a.optionKey ?? null,
		sc: a.score ?? null,
		sel: a.selected ?? null,
		tx: a.text ?? null,
		rs: a.reason ?? null
	}));
	await tx.query(insertBallotsAndAnswers, [jsonParam(ballotJson), jsonParam(answerJson), castOn]);
}

// The answers' foreign key to their ballot is checked at the end of the statement, when the
// ballots of the first part are in.
const insertBallotsAndAnswers = `
	with ballots as (
		insert into ballot (id, campaign_id, subject_id, tier_id, channel, cast_on, rater_id)
		select x.id, x.c, x.s, x.t, x.ch::ballot_channel, $3::date, x.r
		from jsonb_to_recordset($1::text::jsonb) as x(id uuid, c int, s int, t int, ch text, r int)
		order by x.id
	)
	insert into ballot_answer (ballot_id, question_id, option_key, score, selected, text, reason)
	select y.b, y.q, y.o, y.sc, y.sel, y.tx, y.rs
	from jsonb_to_recordset($2::text::jsonb) as y(b uuid, q int, o text, sc int, sel jsonb, tx text, rs text)
	order by y.b, y.q`;

/** The day only (UTC+8, where the campaigns run): a secret ballot carries no exact time. */
export function today(): string {
	return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

import { randomUUID } from 'node:crypto';
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import { sql, type SQL } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import { jsonParam, queryBuilt, type RawExecutor } from '$lib/server/db/raw';
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

/**
 * The one statement that writes ballots and their answers, for both writers: the ballots and
 * their answers each as one jsonb parameter, both in random-id order so row order says nothing
 * about arrival. The answers' foreign key to their ballot is checked at the end of the statement,
 * when the ballots of the first part are in.
 */
function insertBallotsAndAnswers(ballots: BallotRow[], answers: AnswerRow[]): SQL {
	return sql`with ballots as (${insertBallots(ballots)}) ${insertAnswers(answers)}`;
}

/** `insert into ballot`, its rows as one jsonb parameter (also a part of the one-statement commit). */
export function insertBallots(ballots: BallotRow[]): SQL {
	const rows = ballots.map((b) => ({
		id: b.id,
		c: b.campaignId,
		s: b.subjectId,
		t: b.tierId ?? null,
		ch: b.channel,
		d: b.castOn,
		r: b.raterId ?? null
	}));
	return sql`
		insert into ballot (id, campaign_id, subject_id, tier_id, channel, cast_on, rater_id)
		select x.id, x.c, x.s, x.t, x.ch::ballot_channel, x.d, x.r
		from jsonb_to_recordset(${jsonParam(rows)}::text::jsonb)
			as x(id uuid, c int, s int, t int, ch text, d date, r int)
		order by x.id`;
}

/** `insert into ballot_answer`, its rows as one jsonb parameter. */
export function insertAnswers(answers: AnswerRow[]): SQL {
	const rows = answers.map((a) => ({
		b: a.ballotId,
		q: a.questionId,
		o: a.optionKey ?? null,
		sc: a.score ?? null,
		sel: a.selected ?? null,
		tx: a.text ?? null,
		rs: a.reason ?? null
	}));
	return sql`
		insert into ballot_answer (ballot_id, question_id, option_key, score, selected, text, reason)
		select y.b, y.q, y.o, y.sc, y.sel, y.tx, y.rs
		from jsonb_to_recordset(${jsonParam(rows)}::text::jsonb)
			as y(b uuid, q int, o text, sc int, sel jsonb, tx text, rs text)
		order by y.b, y.q`;
}

/** Writes the rows inside a Drizzle transaction (paper entry, fixtures). */
export async function insertBallotRows(
	tx: Executor,
	ballots: BallotRow[],
	answers: AnswerRow[]
): Promise<void> {
	await tx.execute(insertBallotsAndAnswers(ballots, answers));
}

/** The same statement for the group commit's step-by-step path (submit-batch.ts). */
export async function insertBallotRowsRaw(
	tx: RawExecutor,
	ballots: BallotRow[],
	answers: AnswerRow[]
): Promise<void> {
	await queryBuilt(tx, insertBallotsAndAnswers(ballots, answers));
}

/** The day only (UTC+8, where the campaigns run): a secret ballot carries no exact time. */
export function today(): string {
	return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

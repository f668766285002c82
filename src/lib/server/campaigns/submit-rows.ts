import { randomUUID } from 'node:crypto';
import type { CheckedBallot } from '$lib/domain/campaign-ballot';
import * as table from '$lib/server/db/schema';
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

/** The day only (UTC+8, where the campaigns run): a secret ballot carries no exact time. */
export function today(): string {
	return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

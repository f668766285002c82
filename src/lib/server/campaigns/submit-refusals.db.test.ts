import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { BallotInput } from '$lib/domain/campaign-ballot';
import * as table from '$lib/server/db/schema';
import { SubmitError } from './errors';
import { transitionCampaign } from './lifecycle';
import { submitBallots, type Rater } from './submit';
import {
	createUser,
	openCampaign,
	printCodes,
	validBallot,
	type OpenCampaign
} from './test-fixtures';

let database: TestDatabase;
let juror: number;
let assessment: OpenCampaign;
let appraisal: OpenCampaign;
let topTen: OpenCampaign;

beforeAll(async () => {
	database = await createTestDatabase();
	juror = await createUser(database.db, 'juror', 'refusals');
	assessment = await openCampaign(database.db, 'democratic_assessment', { voters: [juror] });
	appraisal = await openCampaign(database.db, 'appointment_appraisal', { voters: [juror] });
	topTen = await openCampaign(database.db, 'top_bottom_ten', { voters: [juror] });
});
afterAll(() => database.dispose());

/** Every table a submission writes to, counted across all campaigns. */
async function snapshot() {
	const n = sql<number>`count(*)::int`;
	const db = database.db;
	const rows = await Promise.all([
		db.select({ n }).from(table.ballot),
		db.select({ n }).from(table.ballotAnswer),
		db.select({ n }).from(table.participation),
		db.select({ n }).from(table.submission),
		db
			.select({ n })
			.from(table.ballotCode)
			.where(sql`used_at is not null`)
	]);
	return rows.map(([row]) => row.n);
}

async function expectRefused(
	campaign: OpenCampaign,
	ballots: BallotInput[],
	code: string,
	rater: Rater = { kind: 'user', userId: juror },
	idempotencyKey: string = randomUUID()
): Promise<SubmitError> {
	const before = await snapshot();
	const error = await submitBallots(database.db, {
		campaignId: campaign.id,
		idempotencyKey,
		rater,
		ballots
	}).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(SubmitError);
	expect((error as SubmitError).code).toBe(code);
	expect(await snapshot()).toEqual(before);
	return error as SubmitError;
}

/** A valid ballot with one answer replaced. */
function withAnswer(
	campaign: OpenCampaign,
	subjectKind: string,
	key: string,
	answer: object | undefined
): BallotInput[] {
	const subjectIds = new Set(
		campaign.definition.subjects.filter((s) => s.kind === subjectKind).map((s) => s.id)
	);
	return validBallot(campaign.definition).map((b) => {
		if (!subjectIds.has(b.subjectId)) return b;
		const answers = { ...b.answers };
		if (answer === undefined) delete answers[key];
		else answers[key] = answer;
		return { ...b, answers };
	});
}

describe('a refused submission writes nothing', () => {
	it('refuses a value off the scale', async () => {
		const error = await expectRefused(
			assessment,
			withAnswer(assessment, 'cadre', 'overall_grade', { option: 'brilliant' }),
			'invalid_answers'
		);
		expect(error.status).toBe(400);
		expect(error.problems[0]).toMatchObject({ code: 'off_scale', questionKey: 'overall_grade' });
	});

	it('refuses a missing required answer', async () => {
		const error = await expectRefused(
			assessment,
			withAnswer(assessment, 'team', 'integrity', undefined),
			'invalid_answers'
		);
		expect(error.problems).toEqual([
			expect.objectContaining({ code: 'missing_answer', questionKey: 'integrity' })
		]);
	});

	it('refuses 不认同 without a reason', async () => {
		const error = await expectRefused(
			appraisal,
			withAnswer(appraisal, 'cadre', 'b_approval', { option: 'disapprove', reason: '  ' }),
			'invalid_answers'
		);
		expect(error.problems.every((p) => p.code === 'reason_missing')).toBe(true);
	});

	it('refuses a subject the campaign does not have, and a missing one', async () => {
		const ballots = validBallot(assessment.definition);
		const wrong = [{ ...ballots[0], subjectId: 999_999 }, ballots[1]];
		const error = await expectRefused(assessment, wrong, 'invalid_answers');
		expect(error.problems.map((p) => p.code).sort()).toEqual(['missing_subject', 'wrong_subject']);
	});

	it('refuses eleven picks and the same cadre in both lists', async () => {
		const ids = topTen.definition.subjects
			.filter((s) => s.kind === 'cadre')
			.map((s) => String(s.id));
		const eleven = await expectRefused(
			topTen,
			withAnswer(topTen, 'overall', 'best', { selected: ids.slice(0, 11) }),
			'invalid_answers'
		);
		expect(eleven.problems[0].code).toBe('too_many_picks');
		const both = await expectRefused(
			topTen,
			withAnswer(topTen, 'overall', 'worst', { selected: [ids[0]] }),
			'invalid_answers'
		);
		expect(both.problems[0].code).toBe('pick_in_both');
	});

	it('refuses a juror outside the electorate, a malformed key and an oversized ballot', async () => {
		const stranger = await createUser(database.db, 'juror', 'stranger');
		const ballots = validBallot(assessment.definition);
		await expectRefused(assessment, ballots, 'not_in_electorate', {
			kind: 'user',
			userId: stranger
		});
		await expectRefused(assessment, ballots, 'malformed', undefined, 'short');
		const huge = Array.from({ length: 501 }, (_, i) => ({ subjectId: i, answers: {} }));
		expect((await expectRefused(assessment, huge, 'too_large')).status).toBe(413);
	});

	it('refuses unknown, used and expired codes', async () => {
		const ballots = validBallot(assessment.definition);
		await expectRefused(assessment, ballots, 'code_invalid', { kind: 'code', code: 'NOT-A-CODE' });
		const [used, expired] = await printCodes(database.db, assessment.id, 2);
		await submitBallots(database.db, {
			campaignId: assessment.id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'code', code: used },
			ballots
		});
		await expectRefused(assessment, ballots, 'code_used', { kind: 'code', code: used });
		await database.db
			.update(table.ballotCode)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(
				sql`${table.ballotCode.usedAt} is null and ${table.ballotCode.campaignId} = ${assessment.id}`
			);
		await expectRefused(assessment, ballots, 'code_expired', { kind: 'code', code: expired });
	});

	it('refuses a code from another campaign', async () => {
		const [other] = await printCodes(database.db, appraisal.id, 1);
		await expectRefused(assessment, validBallot(assessment.definition), 'code_invalid', {
			kind: 'code',
			code: other
		});
	});

	it('refuses ballots once the campaign is closed', async () => {
		const late = await createUser(database.db, 'juror', 'late');
		const closing = await openCampaign(database.db, 'satisfaction_survey', { voters: [late] });
		await transitionCampaign(database.db, closing.id, 'closed', null);
		const error = await expectRefused(closing, validBallot(closing.definition), 'campaign_closed', {
			kind: 'user',
			userId: late
		});
		expect(error.status).toBe(409);
		const [row] = await database.db
			.select({ state: table.campaign.state })
			.from(table.campaign)
			.where(eq(table.campaign.id, closing.id));
		expect(row.state).toBe('closed');
	});
});

import { randomUUID } from 'node:crypto';
import { checkBallot, type AnswerInput, type BallotInput } from '$lib/domain/campaign-ballot';
import type { CampaignKind } from '$lib/domain/campaign-scale';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { createBallotCodes } from './codes';
import { createCampaignFromTemplate, type SubjectInput } from './create';
import { getBallotDefinition, type BallotDefinition } from './definition';
import { transitionCampaign } from './lifecycle';
import type { ResolvedRater } from './submit';
import type { PreparedSubmission } from './submit-batch';

/** Shared set-up for the campaign database tests (not shipped to any page). */
export async function createUser(db: Database, kind: 'staff' | 'juror', name: string) {
	const [row] = await db
		.insert(table.appUser)
		.values({
			kind,
			displayName: name,
			email: kind === 'staff' ? `${name}@example.test` : null
		})
		.returning({ id: table.appUser.id });
	return row.id;
}

export interface OpenCampaign {
	id: number;
	definition: BallotDefinition;
}

/** A campaign of the given kind, opened, with named voters and (optionally) printed codes. */
export async function openCampaign(
	db: Database,
	kind: CampaignKind,
	options: { voters?: number[]; secret?: boolean; subjects?: SubjectInput[] } = {}
): Promise<OpenCampaign> {
	const subjects = options.subjects ?? defaultSubjects[kind];
	const id = await createCampaignFromTemplate(
		db,
		{
			kind,
			title: `test ${kind}`,
			regionId: null,
			secret: options.secret,
			electorateSource: options.voters ? 'named' : 'codes',
			subjects
		},
		null
	);
	if (options.voters?.length)
		await db
			.insert(table.electorate)
			.values(options.voters.map((userId) => ({ campaignId: id, userId })));
	await transitionCampaign(db, id, 'open', null);
	const definition = await getBallotDefinition(db, id);
	if (!definition) throw new Error('campaign vanished');
	return { id, definition };
}

export function printCodes(db: Database, campaignId: number, n: number): Promise<string[]> {
	return createBallotCodes(db, campaignId, n, null);
}

const defaultSubjects: Record<CampaignKind, SubjectInput[]> = {
	unit_evaluation: [
		{ kind: 'unit', label: '市场监管局' },
		{ kind: 'window', label: '政务大厅社保窗口' }
	],
	top_bottom_ten: Array.from({ length: 12 }, (_, i) => ({
		kind: 'cadre' as const,
		label: `干部${i + 1}`
	})),
	appointment_appraisal: [
		{ kind: 'cadre', label: '张三' },
		{ kind: 'cadre', label: '李四' }
	],
	democratic_assessment: [
		{ kind: 'cadre', label: '王五' },
		{ kind: 'team', label: '某局领导班子' }
	],
	satisfaction_survey: []
};

/** A complete, valid ballot: the first option, the top score, the first pick candidates. */
export function validBallot(definition: BallotDefinition): BallotInput[] {
	const candidates = definition.subjects.filter((s) => s.kind === 'cadre').map((s) => String(s.id));
	return definition.subjects
		.map((subject) => {
			const asked = definition.questions.filter((q) => q.appliesTo.includes(subject.kind));
			const answers: Record<string, AnswerInput> = {};
			for (const q of asked) {
				const s = q.scale;
				if (s.type === 'choice') answers[q.key] = { option: s.options[0].key };
				if (s.type === 'score') answers[q.key] = { score: s.max };
				if (s.type === 'checklist') answers[q.key] = { selected: [s.options[0].key] };
				if (s.type === 'text') answers[q.key] = { text: '建议' };
				if (s.type === 'pick')
					answers[q.key] = {
						selected: q.key === 'best' ? candidates.slice(0, 3) : candidates.slice(3, 5)
					};
			}
			return { subjectId: subject.id, answers, asked: asked.length };
		})
		.filter((b) => b.asked > 0)
		.map(({ subjectId, answers }) => ({ subjectId, answers }));
}

/**
 * A valid ballot of every subject as submit.ts hands it to the group commit: checked, with a
 * fresh key and receipt, for a rater (a juror's user id, or a card's code id).
 */
export function preparedSubmission(
	definition: BallotDefinition,
	rater: Pick<ResolvedRater, 'userId' | 'ballotCodeId'> & Partial<ResolvedRater>
): PreparedSubmission {
	const checked = checkBallot(validBallot(definition), definition.subjects, definition.questions);
	if (!checked.ok) throw new Error('validBallot made an invalid ballot');
	return {
		campaign: definition.campaign,
		idempotencyKey: randomUUID(),
		receiptCode: `R${randomUUID().slice(0, 10)}`,
		rater: {
			tierId: null,
			channel: rater.ballotCodeId === null ? 'online' : 'qr',
			...rater
		},
		ballots: checked.ballots
	};
}

export async function createJurors(db: Database, count: number, prefix: string): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < count; i++) ids.push(await createUser(db, 'juror', `${prefix}-${i}`));
	return ids;
}

const n = sql<number>`count(*)::int`;

/** What a campaign holds: its rows per table, and its stored keys with their receipts. */
export async function storedRows(db: Database, campaignId: number) {
	const [[ballots], [answers], [participation], [usedCodes]] = await Promise.all([
		db.select({ n }).from(table.ballot).where(eq(table.ballot.campaignId, campaignId)),
		db
			.select({ n })
			.from(table.ballotAnswer)
			.innerJoin(table.ballot, eq(table.ballot.id, table.ballotAnswer.ballotId))
			.where(eq(table.ballot.campaignId, campaignId)),
		db
			.select({ n })
			.from(table.participation)
			.where(eq(table.participation.campaignId, campaignId)),
		db
			.select({ n })
			.from(table.ballotCode)
			.where(sql`${table.ballotCode.campaignId} = ${campaignId} and used_at is not null`)
	]);
	const submissions = await db
		.select({ key: table.submission.idempotencyKey, receipt: table.submission.receiptCode })
		.from(table.submission)
		.where(eq(table.submission.campaignId, campaignId));
	return {
		ballots: ballots.n,
		answers: answers.n,
		participation: participation.n,
		usedCodes: usedCodes.n,
		submissions: new Map(submissions.map((s) => [s.key, s.receipt]))
	};
}

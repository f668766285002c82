/**
 * Shared set-up for the results database tests (not shipped to any page): campaigns made from the
 * real templates, ballots written through the campaign layer's own writer (as paper ballots), so
 * the stored rows are exactly what real submissions produce.
 */
import type { CheckedAnswer } from '$lib/domain/campaign-ballot';
import type { CampaignKind } from '$lib/domain/campaign-scale';
import { createCampaignFromTemplate, type SubjectInput } from '$lib/server/campaigns/create';
import { getBallotDefinition, type BallotDefinition } from '$lib/server/campaigns/definition';
import { transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { writeBallots } from '$lib/server/campaigns/submit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';

/** An answer by question key: an option key, a score, or selected keys (subject labels for picks). */
export type Answers = Record<string, string | number | string[]>;

export interface Fixture {
	id: number;
	definition: BallotDefinition;
	subject(label: string): number;
}

export async function openFixture(
	db: Database,
	kind: CampaignKind,
	subjects: SubjectInput[],
	settings?: Record<string, unknown>,
	options: { regionId?: number | null; title?: string } = {}
): Promise<Fixture> {
	const id = await createCampaignFromTemplate(
		db,
		{
			kind,
			title: options.title ?? `results ${kind}`,
			regionId: options.regionId ?? null,
			electorateSource: 'codes',
			subjects
		},
		null
	);
	if (settings) {
		const [row] = await db.select().from(table.campaign).where(eq(table.campaign.id, id));
		await db
			.update(table.campaign)
			.set({ settings: { ...row.settings, ...settings } })
			.where(eq(table.campaign.id, id));
	}
	await transitionCampaign(db, id, 'open', null);
	const definition = (await getBallotDefinition(db, id)) as BallotDefinition;
	const subject = (label: string) => {
		const found = definition.subjects.find((s) => s.label === label);
		if (!found) throw new Error(`no subject ${label}`);
		return found.id;
	};
	return { id, definition, subject };
}

function answerRows(fixture: Fixture, answers: Answers): CheckedAnswer[] {
	return Object.entries(answers).map(([key, answer]) => {
		const question = fixture.definition.questions.find((q) => q.key === key);
		if (!question) throw new Error(`no question ${key}`);
		const picks = question.scale.type === 'pick';
		return {
			questionId: question.id,
			optionKey: typeof answer === 'string' ? answer : null,
			score: typeof answer === 'number' ? answer : null,
			selected: Array.isArray(answer)
				? answer.map((a) => (picks ? String(fixture.subject(a)) : a))
				: null,
			text: null,
			reason: answer === 'disapprove' ? '理由' : null
		};
	});
}

/** Writes `times` identical ballots about one subject from one tier (null: no tier). */
export async function cast(
	db: Database,
	fixture: Fixture,
	subjectLabel: string,
	tierKey: string | null,
	answers: Answers,
	times = 1,
	channel: 'paper' | 'audience' = 'paper'
): Promise<void> {
	const tier = tierKey ? fixture.definition.tiers.find((t) => t.key === tierKey) : null;
	if (tierKey && !tier) throw new Error(`no tier ${tierKey}`);
	const subjectId = fixture.subject(subjectLabel);
	const ballots = Array.from({ length: times }, () => ({
		subjectId,
		answers: answerRows(fixture, answers)
	}));
	await db.transaction((tx) =>
		writeBallots(
			tx,
			fixture.definition.campaign,
			{ userId: null, tierId: tier?.id ?? null, channel },
			ballots
		)
	);
}

export async function closeFixture(db: Database, fixture: Fixture): Promise<void> {
	await transitionCampaign(db, fixture.id, 'closed', null);
}

/** The same score on all five criteria of the unit-evaluation template. */
export const criteria = (score: number): Answers => ({
	conduct: score,
	service: score,
	lawful: score,
	efficiency: score,
	integrity: score
});

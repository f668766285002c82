import type { AnswerInput, BallotInput } from '$lib/domain/campaign-ballot';
import type { CampaignKind } from '$lib/domain/campaign-scale';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { createBallotCodes } from './codes';
import { createCampaignFromTemplate, type SubjectInput } from './create';
import { getBallotDefinition, type BallotDefinition } from './definition';
import { transitionCampaign } from './lifecycle';

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

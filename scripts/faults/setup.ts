// Campaigns and ballot cards for the fault tests, made with the app's own server modules against
// the private database, and the ballots the simulated card holders send.
import { createHash } from 'node:crypto';
import type { BallotInput } from '../../src/lib/domain/campaign-ballot';
import { createBallotCodes, hashBallotCode } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import {
	getBallotDefinition,
	type BallotDefinition
} from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';
import type { Database } from '../../src/lib/server/db/connect';

export interface FaultCampaign {
	id: number;
	definition: BallotDefinition;
	/** Cards in clear, in the order the clients take them. */
	codes: string[];
}

/**
 * An open unit evaluation (two subjects, five 0–100 scores each) with `cards` fresh codes. The
 * scores make every ballot recognisable in the database without linking it to anyone (below).
 */
export async function openFaultCampaign(
	db: Database,
	title: string,
	cards: number
): Promise<FaultCampaign> {
	const id = await createCampaignFromTemplate(
		db,
		{
			kind: 'unit_evaluation',
			title,
			regionId: null,
			electorateSource: 'codes',
			subjects: [
				{ kind: 'unit', label: '故障测试局' },
				{ kind: 'window', label: '故障测试窗口' }
			]
		},
		null
	);
	await transitionCampaign(db, id, 'open', null);
	const definition = await getBallotDefinition(db, id);
	if (!definition) throw new Error(`campaign ${id} vanished after opening`);
	const codes: string[] = [];
	for (let made = 0; made < cards; made += 1000)
		codes.push(...(await createBallotCodes(db, id, Math.min(1000, cards - made), null)));
	return { id, definition, codes };
}

/** One (subject, scores) pair as the database will hold it: the ballot's fingerprint. */
export interface BallotPrint {
	subjectId: number;
	/** question id → score */
	scores: Map<number, number>;
}

/**
 * The ballot a card holder sends with a given idempotency key: every score is derived from the key,
 * so the expected ballot rows of any set of stored keys can be recomputed and compared with the
 * rows in the database, answer by answer, although the rows carry no key.
 */
export function ballotFor(definition: BallotDefinition, key: string): BallotInput[] {
	return prints(definition, key).map((p) => ({
		subjectId: p.subjectId,
		answers: Object.fromEntries(
			[...p.scores].map(([questionId, score]) => [
				definition.questions.find((q) => q.id === questionId)!.key,
				{ score }
			])
		)
	}));
}

export function prints(definition: BallotDefinition, key: string): BallotPrint[] {
	return definition.subjects.map((subject) => {
		const scores = new Map<number, number>();
		for (const q of definition.questions) {
			if (!q.appliesTo.includes(subject.kind) || q.scale.type !== 'score') continue;
			const digest = createHash('sha256').update(`${key}/${subject.id}/${q.id}`).digest();
			const span = q.scale.max - q.scale.min + 1;
			scores.set(q.id, q.scale.min + (digest.readUInt32BE(0) % span));
		}
		return { subjectId: subject.id, scores };
	});
}

/** A print as one comparable string: subject and its scores in question order. */
export function printKey(p: BallotPrint): string {
	return `${p.subjectId}:${[...p.scores]
		.sort(([a], [b]) => a - b)
		.map(([q, s]) => `${q}=${s}`)
		.join(',')}`;
}

export { hashBallotCode };

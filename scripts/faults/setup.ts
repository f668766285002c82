// Campaigns and ballot cards for the fault tests, made with the app's own server modules against
// the private database, and the ballots the simulated card holders send.
import { createHash } from 'node:crypto';
import type { BallotInput } from '../../src/lib/domain/campaign-ballot';
import { createSession, sessionCookieName } from '../../src/lib/server/auth/session';
import { generateSessionToken } from '../../src/lib/server/auth/token';
import { createBallotCodes, hashBallotCode } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import {
	getBallotDefinition,
	type BallotDefinition
} from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';
import type { Database } from '../../src/lib/server/db/connect';
import * as table from '../../src/lib/server/db/schema';

/** One simulated voter: a card holder or a signed-in juror. */
export interface FaultRater {
	/** What the checks compare with the database: the card's code hash, or `user:<id>`. */
	ident: string;
	/** Where its ballot is posted. */
	path: string;
	/** A juror's session cookie. */
	cookie?: string;
}

export interface FaultCampaign {
	id: number;
	kind: 'card' | 'juror';
	definition: BallotDefinition;
	/** In the order the clients take them. */
	raters: FaultRater[];
}

const subjects = [
	{ kind: 'unit' as const, label: '故障测试局' },
	{ kind: 'window' as const, label: '故障测试窗口' }
];

/**
 * An open unit evaluation (two subjects, five 0–100 scores each) with `cards` fresh codes. The
 * scores make every ballot recognisable in the database without linking it to anyone (below).
 */
export async function openFaultCampaign(
	db: Database,
	title: string,
	cards: number,
	pathFor: (code: string) => string
): Promise<FaultCampaign> {
	const id = await createCampaignFromTemplate(
		db,
		{ kind: 'unit_evaluation', title, regionId: null, electorateSource: 'codes', subjects },
		null
	);
	await transitionCampaign(db, id, 'open', null);
	const definition = await getBallotDefinition(db, id);
	if (!definition) throw new Error(`campaign ${id} vanished after opening`);
	const raters: FaultRater[] = [];
	for (let made = 0; made < cards; made += 1000)
		for (const code of await createBallotCodes(db, id, Math.min(1000, cards - made), null))
			raters.push({ ident: hashBallotCode(code), path: pathFor(code) });
	return { id, kind: 'card', definition, raters };
}

/**
 * The same campaign with a named electorate of `jurors` new juror accounts, each signed in (a
 * session made as the sign-in makes it), voting through POST /api/ballots/<campaignId>.
 */
export async function openJurorCampaign(
	db: Database,
	title: string,
	jurors: number
): Promise<FaultCampaign> {
	const id = await createCampaignFromTemplate(
		db,
		{ kind: 'unit_evaluation', title, regionId: null, electorateSource: 'named', subjects },
		null
	);
	const raters: FaultRater[] = [];
	for (let made = 0; made < jurors; made += 500) {
		const users = await db
			.insert(table.appUser)
			.values(
				Array.from({ length: Math.min(500, jurors - made) }, (_, i) => ({
					kind: 'juror' as const,
					displayName: `${title} ${made + i + 1}`
				}))
			)
			.returning({ id: table.appUser.id });
		await db.insert(table.electorate).values(users.map((u) => ({ campaignId: id, userId: u.id })));
		for (const user of users) {
			const token = generateSessionToken();
			await createSession(db, token, { id: user.id, kind: 'juror' });
			raters.push({
				ident: `user:${user.id}`,
				path: `/api/ballots/${id}`,
				cookie: `${sessionCookieName}=${token}`
			});
		}
	}
	await transitionCampaign(db, id, 'open', null);
	const definition = await getBallotDefinition(db, id);
	if (!definition) throw new Error(`campaign ${id} vanished after opening`);
	return { id, kind: 'juror', definition, raters };
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

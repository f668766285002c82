// Test data for the ballot benchmarks: an open campaign with N printed cards, written straight
// into the database through the app's own server code (the same functions the staff pages call).
// On PGlite only one process may open the data folder: call this while the app is stopped.
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db/connect';
import * as table from '../../src/lib/server/db/schema';
import { createBallotCodes } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import { getBallotDefinition } from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';

export interface BallotFixture {
	campaignId: number;
	/** Printed cards in clear; each votes once. */
	codes: string[];
	/** One complete, valid ballot for this campaign as the JSON endpoint takes it (without key). */
	ballots: { subjectId: number; answers: Record<string, { option: string }> }[];
}

/**
 * A satisfaction survey (one subject, four choice questions: the lightest real ballot) opened
 * with `cards` printed cards, on PostgreSQL (`databaseUrl`) or PGlite (`dataDir`).
 */
export async function prepareBallotCampaign(options: {
	databaseUrl?: string;
	dataDir?: string;
	cards: number;
	title?: string;
}): Promise<BallotFixture> {
	const handle = openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
	try {
		await handle.migrate();
		const campaignId = await createCampaignFromTemplate(
			handle.db,
			{
				kind: 'satisfaction_survey',
				title: options.title ?? 'Benchmark 满意度',
				regionId: null,
				electorateSource: 'codes',
				subjects: []
			},
			null
		);
		await transitionCampaign(handle.db, campaignId, 'open', null);
		const codes: string[] = [];
		for (let made = 0; made < options.cards; made += 2000) {
			codes.push(
				...(await createBallotCodes(
					handle.db,
					campaignId,
					Math.min(2000, options.cards - made),
					null
				))
			);
		}
		const definition = await getBallotDefinition(handle.db, campaignId);
		if (!definition) throw new Error('the benchmark campaign vanished');
		const ballots = definition.subjects.map((subject) => ({
			subjectId: subject.id,
			answers: Object.fromEntries(
				definition.questions
					.filter((q) => q.appliesTo.includes(subject.kind))
					.map((q) => {
						if (q.scale.type !== 'choice')
							throw new Error(`unexpected ${q.scale.type} question in the survey`);
						return [q.key, { option: q.scale.options[0].key }];
					})
			)
		}));
		return { campaignId, codes, ballots };
	} finally {
		await handle.close();
	}
}

/** What the database holds for the campaign: submissions (one per acknowledged ballot) and ballots. */
export async function countStored(options: {
	databaseUrl?: string;
	dataDir?: string;
	campaignId: number;
}): Promise<{ submissions: number; ballots: number; spentCards: number }> {
	const handle = openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
	try {
		const { campaignId } = options;
		const [submissions] = await handle.db
			.select({ n: count() })
			.from(table.submission)
			.where(eq(table.submission.campaignId, campaignId));
		const [ballots] = await handle.db
			.select({ n: count() })
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, campaignId));
		const [spent] = await handle.db
			.select({ n: count() })
			.from(table.ballotCode)
			.where(and(eq(table.ballotCode.campaignId, campaignId), isNotNull(table.ballotCode.usedAt)));
		return { submissions: submissions.n, ballots: ballots.n, spentCards: spent.n };
	} finally {
		await handle.close();
	}
}

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { generateSessionToken } from '$lib/server/auth/token';
import type { AuthUser } from '$lib/server/auth/types';
import * as table from '$lib/server/db/schema';
import { answerJsonBallot } from '$lib/server/lean/ballot-json';
import { createCampaignFromTemplate, type SubjectInput } from './create';
import { getBallotDefinition, type BallotDefinition } from './definition';
import { getElectorate } from './electorate';
import { SubmitError } from './errors';
import { transitionCampaign } from './lifecycle';
import { getListEntry, getTurnout } from './queries';
import { submitBallots } from './submit';
import { createUser, storedRows, validBallot } from './test-fixtures';

let database: TestDatabase;
let regionId: number;
const units: Record<'org' | 'orgWindow' | 'edu', number> = { org: 0, orgWindow: 0, edu: 0 };
let orgCadre: number;
/** Employed by 组织部; declared a conflict with 教育局; neither. */
const users: Record<'employee' | 'related' | 'plain', number> = {
	employee: 0,
	related: 0,
	plain: 0
};

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	const [city] = await db
		.insert(table.region)
		.values({ code: '37', name: '济川省', level: 'province' })
		.returning();
	regionId = city.id;
	const unit = async (code: string, name: string, parentUnitId: number | null = null) => {
		const kind = parentUnitId === null ? ('department' as const) : ('service_window' as const);
		const [row] = await db
			.insert(table.unit)
			.values({ code, name, kind, regionId, parentUnitId })
			.returning();
		return row.id;
	};
	units.org = await unit('U-ORG', '中共济川市委组织部');
	units.orgWindow = await unit('U-ORG-W', '组织部干部档案窗口', units.org);
	units.edu = await unit('U-EDU', '济川市教育局');
	const [cadre] = await db
		.insert(table.cadre)
		.values({ code: 'C-1', name: '王部长', unitId: units.org, position: '部长', level: 'county' })
		.returning();
	orgCadre = cadre.id;
	for (const key of Object.keys(users) as (keyof typeof users)[])
		users[key] = await createUser(db, 'juror', `recusal-${key}`);
	const jurors = await db
		.insert(table.juror)
		.values(
			(['employee', 'related', 'plain'] as const).map((key, i) => ({
				confirmationNumber: `R-${i}`,
				name: key,
				phone: `1370000000${i}`,
				regionId,
				category: 'citizen_representative' as const,
				route: 'self_nominated' as const,
				status: 'active' as const,
				employerUnitId: key === 'employee' ? units.org : null,
				userId: users[key]
			}))
		)
		.returning({ id: table.juror.id });
	await db.insert(table.jurorRelation).values({ jurorId: jurors[1].id, unitId: units.edu });
});
afterAll(() => database.dispose());

async function openJuryCampaign(
	kind: 'unit_evaluation' | 'democratic_assessment',
	subjects: SubjectInput[]
): Promise<BallotDefinition> {
	const id = await createCampaignFromTemplate(
		database.db,
		{ kind, title: `recusal ${kind}`, regionId, electorateSource: 'jury', subjects },
		null
	);
	await transitionCampaign(database.db, id, 'open', null);
	const definition = await getBallotDefinition(database.db, id);
	if (!definition) throw new Error('campaign vanished');
	return definition;
}

const unitSubjects = (): SubjectInput[] => [
	{ kind: 'unit', label: '中共济川市委组织部', unitId: units.org },
	{ kind: 'window', label: '组织部干部档案窗口', unitId: units.orgWindow },
	{ kind: 'unit', label: '济川市教育局', unitId: units.edu }
];

const idOf = (definition: BallotDefinition, label: string) =>
	definition.subjects.find((s) => s.label === label)?.id as number;

const key = () => crypto.randomUUID();

describe('recusal (回避) in a jury-wide campaign', () => {
	it("records, at opening, the employer's unit and window and a declared conflict", async () => {
		const definition = await openJuryCampaign('unit_evaluation', unitSubjects());
		const id = definition.campaign.id;
		const org = idOf(definition, '中共济川市委组织部');
		const window = idOf(definition, '组织部干部档案窗口');
		const edu = idOf(definition, '济川市教育局');
		expect((await getListEntry(database.db, id, users.employee))?.recused.sort()).toEqual(
			[org, window].sort()
		);
		expect((await getListEntry(database.db, id, users.related))?.recused).toEqual([edu]);
		expect((await getListEntry(database.db, id, users.plain))?.recused).toEqual([]);
		const members = await getElectorate(database.db, id);
		expect(members.reduce((sum, m) => sum + m.recusals, 0)).toBe(3);
	});

	it('comes with the session look-up of a ballot, in the same statement', async () => {
		const definition = await openJuryCampaign('unit_evaluation', unitSubjects());
		const token = generateSessionToken();
		await createSession(database.db, token, { id: users.related, kind: 'juror' });
		const result = await validateSessionToken(
			database.db,
			token,
			new Date(),
			definition.campaign.id
		);
		expect(result).toMatchObject({ user: { id: users.related } });
		expect('listEntry' in result && result.listEntry).toEqual({
			tierId: expect.any(Number),
			recused: [idOf(definition, '济川市教育局')]
		});
	});

	it("refuses with 400 a ballot that rates the juror's employer, storing nothing", async () => {
		const definition = await openJuryCampaign('unit_evaluation', unitSubjects());
		const id = definition.campaign.id;
		const refused = submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: users.employee },
			ballots: validBallot(definition)
		});
		await expect(refused).rejects.toBeInstanceOf(SubmitError);
		const error = (await refused.catch((e: unknown) => e)) as SubmitError;
		expect(error.status).toBe(400);
		expect(error.problems).toContainEqual({
			code: 'recused_subject',
			subjectId: idOf(definition, '中共济川市委组织部')
		});
		const rows = await storedRows(database.db, id);
		expect([rows.ballots, rows.answers, rows.participation, rows.submissions.size]).toEqual([
			0, 0, 0, 0
		]);
	});

	it('stores the same juror’s ballot for the subjects they may rate, and only those', async () => {
		const definition = await openJuryCampaign('unit_evaluation', unitSubjects());
		const id = definition.campaign.id;
		const edu = idOf(definition, '济川市教育局');
		const receipt = await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key(),
			rater: { kind: 'user', userId: users.employee },
			ballots: validBallot(definition).filter((b) => b.subjectId === edu)
		});
		expect(receipt.repeated).toBe(false);
		const stored = await database.db
			.select({ subjectId: table.ballot.subjectId })
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, id));
		expect(stored).toEqual([{ subjectId: edu }]);
		expect((await storedRows(database.db, id)).participation).toBe(1);
	});

	it('answers the JSON ballot 400 with a clear message and stores nothing', async () => {
		const definition = await openJuryCampaign('unit_evaluation', unitSubjects());
		const id = definition.campaign.id;
		const user: AuthUser = {
			id: users.related,
			email: null,
			displayName: 'related',
			kind: 'juror',
			roles: []
		};
		const text = JSON.stringify({ idempotencyKey: key(), ballots: validBallot(definition) });
		const outcome = await answerJsonBallot(database.db, {
			target: { kind: 'juror', campaignId: String(id) },
			header: (name) =>
				({ origin: 'http://x.test', 'content-type': 'application/json' })[name] ?? null,
			appOrigin: 'http://x.test',
			clientAddress: '10.0.0.9',
			readBody: async () => ({ ok: true, text }),
			signedIn: async () => ({ user })
		});
		expect(outcome.status).toBe(400);
		expect(JSON.stringify(outcome.body)).toContain('回避');
		expect((await storedRows(database.db, id)).ballots).toBe(0);
	});

	it("recuses the employer's cadres and leadership team, not other units' subjects", async () => {
		const definition = await openJuryCampaign('democratic_assessment', [
			{ kind: 'cadre', label: '王部长', cadreId: orgCadre },
			{ kind: 'team', label: '中共济川市委组织部领导班子' },
			{ kind: 'team', label: '济川市教育局领导班子' }
		]);
		const entry = await getListEntry(database.db, definition.campaign.id, users.employee);
		expect(entry?.recused.sort()).toEqual(
			[idOf(definition, '王部长'), idOf(definition, '中共济川市委组织部领导班子')].sort()
		);
	});

	it('does not count as eligible a juror recused from every subject', async () => {
		const definition = await openJuryCampaign('unit_evaluation', [
			{ kind: 'unit', label: '中共济川市委组织部', unitId: units.org }
		]);
		const turnout = await getTurnout(database.db, definition.campaign.id);
		// Three jurors on the list; the one employed by the only subject cannot vote.
		expect(turnout.reduce((sum, t) => sum + t.eligible, 0)).toBe(2);
	});
});

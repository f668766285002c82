import { randomUUID } from 'node:crypto';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { answerField } from '$lib/domain/campaign-form';
import { verifyAuditChain } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import { createCampaignFromTemplate } from './create';
import { getBallotDefinition } from './definition';
import { NotEditableError, removeSubject } from './edit';
import { goLive, TransitionError, transitionCampaign } from './lifecycle';
import { keyPaperBallot, PaperError } from './paper';
import { submitBallots } from './submit';
import { createUser, openCampaign, printCodes, validBallot } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const n = sql<number>`count(*)::int`;

describe('the campaign lifecycle in the database', () => {
	it('records every transition in the audit chain and freezes subjects once open', async () => {
		const staff = await createUser(database.db, 'staff', 'organizer-a');
		const actor = { id: staff, label: 'organizer-a' };
		const id = await createCampaignFromTemplate(
			database.db,
			{
				kind: 'unit_evaluation',
				title: '2026 群众评议',
				regionId: null,
				electorateSource: 'codes',
				subjects: [{ kind: 'unit', label: '税务局' }]
			},
			actor
		);
		await transitionCampaign(database.db, id, 'open', actor);
		const [subject] = (await getBallotDefinition(database.db, id))?.subjects ?? [];
		await expect(removeSubject(database.db, id, subject.id, actor)).rejects.toBeInstanceOf(
			NotEditableError
		);
		await expect(transitionCampaign(database.db, id, 'draft', actor)).rejects.toBeInstanceOf(
			TransitionError
		);
		await transitionCampaign(database.db, id, 'closed', actor);
		// Only publishResults publishes: a bare transition would skip the frozen snapshot.
		await expect(transitionCampaign(database.db, id, 'published', actor)).rejects.toEqual(
			new TransitionError('not_allowed')
		);
		const events = await database.db
			.select({ action: table.auditEvent.action, actor: table.auditEvent.actorUserId })
			.from(table.auditEvent)
			.where(eq(table.auditEvent.subjectId, String(id)));
		expect(events.map((e) => e.action)).toEqual([
			'campaign.create',
			'campaign.open',
			'campaign.closed'
		]);
		expect(events.every((e) => e.actor === staff)).toBe(true);
		expect(await verifyAuditChain(database.db)).toBeNull();
	});

	it('clears every practice ballot, receipt and card when a test run goes live', async () => {
		const id = await createCampaignFromTemplate(
			database.db,
			{
				kind: 'satisfaction_survey',
				title: '试运行',
				regionId: null,
				testMode: true,
				electorateSource: 'codes',
				subjects: []
			},
			null
		);
		await transitionCampaign(database.db, id, 'open', null);
		const definition = await getBallotDefinition(database.db, id);
		const [code] = await printCodes(database.db, id, 2);
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'code', code },
			ballots: validBallot(definition!)
		});
		await goLive(database.db, id, null);
		const counts = await Promise.all(
			[table.ballot, table.participation, table.submission, table.ballotCode].map(async (t) => {
				const [row] = await database.db.select({ n }).from(t).where(eq(t.campaignId, id));
				return row.n;
			})
		);
		expect(counts).toEqual([0, 0, 0, 0]);
		const [row] = await database.db
			.select({ testMode: table.campaign.testMode })
			.from(table.campaign)
			.where(eq(table.campaign.id, id));
		expect(row.testMode).toBe(false);
		await expect(goLive(database.db, id, null)).rejects.toBeInstanceOf(TransitionError);
	});
});

describe('paper ballots', () => {
	it('counts a sheet only when two different people key the same answers', async () => {
		const [first, second, third] = await Promise.all(
			['key-1', 'key-2', 'key-3'].map((name) => createUser(database.db, 'staff', name))
		);
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const overall = definition.subjects[0].id;
		const values = Object.fromEntries(
			definition.questions.map((q) => [answerField(overall, q.key), ['satisfied']])
		);
		const key = (actor: number, v = values, serial = 'P-001') =>
			keyPaperBallot(database.db, {
				campaignId: id,
				serial,
				tierId: null,
				values: v,
				actor: { id: actor, label: `staff ${actor}` }
			});

		expect(await key(first)).toBe('first_keyed');
		await expect(key(first)).rejects.toEqual(new PaperError('same_person'));
		expect(await key(second)).toBe('accepted');
		await expect(key(third)).rejects.toEqual(new PaperError('already_counted'));

		const typo = { ...values, [answerField(overall, 'org_work')]: ['dissatisfied'] };
		expect(await key(first, values, 'P-002')).toBe('first_keyed');
		expect(await key(second, typo, 'P-002')).toBe('mismatch');

		const ballots = await database.db
			.select({ channel: table.ballot.channel })
			.from(table.ballot)
			.where(eq(table.ballot.campaignId, id));
		expect(ballots).toEqual([{ channel: 'paper' }]);
		const flagged = await database.db
			.select({ status: table.paperEntry.status })
			.from(table.paperEntry)
			.where(like(table.paperEntry.serial, 'P-002'));
		expect(flagged).toEqual([{ status: 'mismatch' }]);
	});
});

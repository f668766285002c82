import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { answerField, type FormValues } from '$lib/domain/campaign-form';
import * as table from '$lib/server/db/schema';
import { PublishError, publishResults } from '$lib/server/results/publish';
import { transitionCampaign } from './lifecycle';
import {
	countUnresolvedSheets,
	keyPaperBallot,
	PaperError,
	voidPaperKeying,
	type VoidTarget
} from './paper';
import { createUser, openCampaign, type OpenCampaign } from './test-fixtures';

let database: TestDatabase;
let staff: { id: number; label: string }[];
beforeAll(async () => {
	database = await createTestDatabase();
	const ids = await Promise.all(
		['clerk-a', 'clerk-b', 'clerk-c'].map((name) => createUser(database.db, 'staff', name))
	);
	staff = ids.map((id, i) => ({ id, label: `clerk ${i}` }));
});
afterAll(() => database.dispose());

/** Every question of the satisfaction survey's overall subject answered with one option. */
function survey(campaign: OpenCampaign, option: string): FormValues {
	const overall = campaign.definition.subjects[0].id;
	return Object.fromEntries(
		campaign.definition.questions.map((q) => [answerField(overall, q.key), [option]])
	);
}

function keyer(campaign: OpenCampaign) {
	return (actor: number, values: FormValues, serial: string, tierId: number | null = null) =>
		keyPaperBallot(database.db, {
			campaignId: campaign.id,
			serial,
			tierId,
			values,
			actor: staff[actor]
		});
}

function voider(campaign: OpenCampaign) {
	return (target: VoidTarget, serial: string, reason = '核对原票后作废') =>
		voidPaperKeying(database.db, {
			campaignId: campaign.id,
			serial,
			target,
			reason,
			actor: staff[2]
		});
}

async function paperBallots(campaignId: number) {
	return database.db
		.select({ tierId: table.ballot.tierId, option: table.ballotAnswer.optionKey })
		.from(table.ballot)
		.innerJoin(table.ballotAnswer, eq(table.ballotAnswer.ballotId, table.ballot.id))
		.where(and(eq(table.ballot.campaignId, campaignId), eq(table.ballot.channel, 'paper')));
}

async function auditOf(campaignId: number, action: string) {
	return database.db
		.select({ details: table.auditEvent.details })
		.from(table.auditEvent)
		.where(
			and(eq(table.auditEvent.action, action), eq(table.auditEvent.subjectId, String(campaignId)))
		);
}

describe('voiding paper keyings', () => {
	it('counts a sheet whose first keying was wrong once staff void that first keying', async () => {
		const campaign = await openCampaign(database.db, 'satisfaction_survey');
		const key = keyer(campaign);
		expect(await key(0, survey(campaign, 'dissatisfied'), 'S-1')).toBe('first_keyed');
		expect(await key(1, survey(campaign, 'satisfied'), 'S-1')).toBe('mismatch');
		// Without voiding, every correct re-keying is refused against the wrong first one.
		await expect(key(0, survey(campaign, 'satisfied'), 'S-1')).rejects.toEqual(
			new PaperError('flagged')
		);

		await voider(campaign)('first', 'S-1');
		// The second keying (clerk 1) is now the first; clerk 1 cannot confirm it alone.
		await expect(key(1, survey(campaign, 'satisfied'), 'S-1')).rejects.toEqual(
			new PaperError('same_person')
		);
		expect(await key(0, survey(campaign, 'satisfied'), 'S-1')).toBe('accepted');

		const ballots = await paperBallots(campaign.id);
		expect(ballots.length).toBe(campaign.definition.questions.length);
		expect(new Set(ballots.map((b) => b.option))).toEqual(new Set(['satisfied']));
		const [event] = await auditOf(campaign.id, 'campaign.paper_discard_first');
		expect(event.details).toMatchObject({ serial: 'S-1', reason: '核对原票后作废' });
	});

	it('voids every keying of a sheet keyed with the wrong tier, so two people key it afresh', async () => {
		const campaign = await openCampaign(database.db, 'unit_evaluation');
		const [served, jurors] = campaign.definition.tiers.map((t) => t.id);
		const values: FormValues = {};
		for (const subject of campaign.definition.subjects)
			for (const q of campaign.definition.questions)
				if (q.appliesTo.includes(subject.kind)) values[answerField(subject.id, q.key)] = ['90'];
		const key = keyer(campaign);
		expect(await key(0, values, 'T-1', served)).toBe('first_keyed');
		await expect(key(1, values, 'T-1', jurors)).rejects.toEqual(new PaperError('tier_changed'));
		// Only a flagged sheet has a second keying to promote.
		await expect(voider(campaign)('first', 'T-1')).rejects.toEqual(new PaperError('not_voidable'));

		await voider(campaign)('sheet', 'T-1');
		expect(await countUnresolvedSheets(database.db, campaign.id)).toEqual({
			awaiting: 0,
			mismatch: 0
		});
		expect(await key(1, values, 'T-1', jurors)).toBe('first_keyed');
		expect(await key(0, values, 'T-1', jurors)).toBe('accepted');
		const tiers = new Set((await paperBallots(campaign.id)).map((b) => b.tierId));
		expect(tiers).toEqual(new Set([jurors]));
		expect(await auditOf(campaign.id, 'campaign.paper_void_sheet')).toHaveLength(1);
	});

	it('refuses a void without a reason, and never voids a counted sheet', async () => {
		const campaign = await openCampaign(database.db, 'satisfaction_survey');
		const key = keyer(campaign);
		await key(0, survey(campaign, 'satisfied'), 'C-1');
		await key(1, survey(campaign, 'satisfied'), 'C-1');
		await key(0, survey(campaign, 'satisfied'), 'C-2');
		await key(1, survey(campaign, 'dissatisfied'), 'C-2');
		const voidIt = voider(campaign);
		await expect(voidIt('second', 'C-2', '  ')).rejects.toEqual(new PaperError('reason_required'));
		await expect(voidIt('sheet', 'C-1')).rejects.toEqual(new PaperError('not_voidable'));
		await expect(voidIt('second', 'C-9')).rejects.toEqual(new PaperError('not_voidable'));
		const rows = await database.db
			.select({ serial: table.paperEntry.serial, status: table.paperEntry.status })
			.from(table.paperEntry)
			.where(eq(table.paperEntry.campaignId, campaign.id))
			.orderBy(table.paperEntry.serial);
		expect(rows).toEqual([
			{ serial: 'C-1', status: 'accepted' },
			{ serial: 'C-2', status: 'mismatch' }
		]);
		await voidIt('second', 'C-2');
		expect(await countUnresolvedSheets(database.db, campaign.id)).toEqual({
			awaiting: 1,
			mismatch: 0
		});
	});
});

describe('publication with paper sheets', () => {
	it('refuses while a sheet awaits its second keying or is flagged, naming how many', async () => {
		const campaign = await openCampaign(database.db, 'satisfaction_survey');
		const key = keyer(campaign);
		await key(0, survey(campaign, 'satisfied'), 'Q-1');
		await key(1, survey(campaign, 'satisfied'), 'Q-1');
		await key(0, survey(campaign, 'satisfied'), 'Q-2');
		await key(0, survey(campaign, 'satisfied'), 'Q-3');
		await key(1, survey(campaign, 'very_satisfied'), 'Q-3');
		await transitionCampaign(database.db, campaign.id, 'closed', null);

		const refusal = await publishResults(database.db, campaign.id, null).catch((e) => e);
		expect(refusal).toBeInstanceOf(PublishError);
		expect(refusal).toMatchObject({
			refusal: 'paper_unresolved',
			sheets: { awaiting: 1, mismatch: 1 }
		});
		const [row] = await database.db
			.select({ state: table.campaign.state })
			.from(table.campaign)
			.where(eq(table.campaign.id, campaign.id));
		expect(row.state).toBe('closed');
		expect(
			await database.db.select().from(table.result).where(eq(table.result.campaignId, campaign.id))
		).toEqual([]);

		// Keying goes on after closing; the flagged sheet is voided.
		expect(await key(1, survey(campaign, 'satisfied'), 'Q-2')).toBe('accepted');
		await voider(campaign)('sheet', 'Q-3');
		const published = await publishResults(database.db, campaign.id, null);
		expect(published.ballots).toBeGreaterThan(0);
		// Keying and voiding end with publication.
		await expect(key(0, survey(campaign, 'satisfied'), 'Q-4')).rejects.toEqual(
			new PaperError('campaign_state')
		);
	});
});

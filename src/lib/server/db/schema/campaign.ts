import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { QuestionScale, SubjectKind } from '../../../domain/campaign-scale';
import { appUser } from './auth';
import { draw } from './jury';
import { cadre, region, unit } from './reference';

export const campaignKind = pgEnum('campaign_kind', [
	'unit_evaluation',
	'top_bottom_ten',
	'appointment_appraisal',
	'democratic_assessment',
	'satisfaction_survey'
]);
export const campaignState = pgEnum('campaign_state', [
	'draft',
	'open',
	'closed',
	'published',
	'archived'
]);
/** Who may vote online; on-site codes can be printed for any campaign in addition. */
export const electorateSource = pgEnum('electorate_source', ['named', 'jury', 'panel', 'codes']);
export const subjectKind = pgEnum('subject_kind', ['unit', 'window', 'cadre', 'team', 'overall']);
export const questionKind = pgEnum('question_kind', [
	'choice',
	'score',
	'checklist',
	'text',
	'pick'
]);
// 'audience': TV viewers' open ballots (docs/LIVE.md), counted apart from the jury unless the
// campaign says otherwise.
export const ballotChannel = pgEnum('ballot_channel', ['online', 'qr', 'paper', 'audience']);
export const paperEntryStatus = pgEnum('paper_entry_status', [
	'awaiting_second',
	'mismatch',
	'accepted'
]);

/** Free-form settings read by results (issue 6): denominator, excluded options, thresholds. */
export type CampaignSettings = Record<string, unknown>;

export const campaign = pgTable(
	'campaign',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		kind: campaignKind('kind').notNull(),
		title: text('title').notNull(),
		regionId: integer('region_id').references(() => region.id),
		secret: boolean('secret').notNull().default(true),
		state: campaignState('state').notNull().default('draft'),
		// While true, ballots are practice; going live deletes them (see docs/CAMPAIGNS.md).
		testMode: boolean('test_mode').notNull().default(false),
		electorateSource: electorateSource('electorate_source').notNull().default('codes'),
		panelDrawId: integer('panel_draw_id').references(() => draw.id),
		settings: jsonb('settings').$type<CampaignSettings>().notNull().default({}),
		opensAt: timestamp('opens_at', { withTimezone: true }),
		closesAt: timestamp('closes_at', { withTimezone: true }),
		createdBy: integer('created_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('campaign_state_idx').on(t.state),
		check(
			'campaign_panel_has_draw',
			sql`(${t.electorateSource} = 'panel') = (${t.panelDrawId} is not null)`
		),
		check(
			'campaign_window_order',
			sql`${t.opensAt} is null or ${t.closesAt} is null or ${t.opensAt} < ${t.closesAt}`
		)
	]
);

export const campaignSubject = pgTable(
	'campaign_subject',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		kind: subjectKind('kind').notNull(),
		unitId: integer('unit_id').references(() => unit.id),
		cadreId: integer('cadre_id').references(() => cadre.id),
		// A copy of the name at creation, so a published ballot keeps saying what it was about.
		label: text('label').notNull(),
		detail: text('detail'),
		position: integer('position').notNull()
	},
	(t) => [
		index('campaign_subject_campaign_idx').on(t.campaignId, t.position),
		check('campaign_subject_cadre_ref', sql`${t.kind} = 'cadre' or ${t.cadreId} is null`),
		check('campaign_subject_unit_ref', sql`${t.kind} in ('unit', 'window') or ${t.unitId} is null`)
	]
);

export const raterTier = pgTable(
	'rater_tier',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		name: text('name').notNull(),
		nameEn: text('name_en').notNull(),
		// Integer percentages; results check they sum to 100 when they weight tiers.
		weight: integer('weight').notNull(),
		position: integer('position').notNull()
	},
	(t) => [
		unique('rater_tier_campaign_key').on(t.campaignId, t.key),
		check('rater_tier_weight_range', sql`${t.weight} between 0 and 100`)
	]
);

export const question = pgTable(
	'question',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		kind: questionKind('kind').notNull(),
		promptZh: text('prompt_zh').notNull(),
		promptEn: text('prompt_en').notNull(),
		scale: jsonb('scale').$type<QuestionScale>().notNull(),
		required: boolean('required').notNull().default(true),
		reasonRequiredFor: jsonb('reason_required_for').$type<string[]>().notNull().default([]),
		appliesTo: jsonb('applies_to').$type<SubjectKind[]>().notNull(),
		dimension: text('dimension')
	},
	(t) => [
		unique('question_campaign_key').on(t.campaignId, t.key),
		check('question_kind_matches_scale', sql`${t.scale} ->> 'type' = ${t.kind}::text`)
	]
);

/** Who may vote online, materialized when the campaign opens (named list, whole jury or panel). */
export const electorate = pgTable(
	'electorate',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id),
		tierId: integer('tier_id').references(() => raterTier.id),
		/**
		 * Subjects this member is recused from (回避: their employer or a declared conflict, see
		 * domain/recusal.ts), fixed when the campaign opens; read with the member's list entry.
		 */
		recusedSubjectIds: integer('recused_subject_ids').array().notNull().default([])
	},
	(t) => [
		unique('electorate_campaign_user_key').on(t.campaignId, t.userId),
		index('electorate_user_idx').on(t.userId)
	]
);

/** An on-site one-time code printed on a QR card; only its SHA-256 (hex) is kept. */
export const ballotCode = pgTable(
	'ballot_code',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		tierId: integer('tier_id').references(() => raterTier.id),
		// A one-time token handed to one TV viewer's device rather than a printed card; its
		// ballots go in on the 'audience' channel.
		audience: boolean('audience').notNull().default(false),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('ballot_code_hash_key').on(t.codeHash),
		index('ballot_code_campaign_idx').on(t.campaignId)
	]
);

/**
 * Who has voted on which subject (never what). Exactly one of user and code is the rater; the
 * unique key is the database's guarantee of one ballot per rater, subject and campaign.
 */
export const participation = pgTable(
	'participation',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		userId: integer('user_id').references(() => appUser.id),
		ballotCodeId: integer('ballot_code_id').references(() => ballotCode.id, {
			onDelete: 'cascade'
		}),
		subjectId: integer('subject_id')
			.notNull()
			.references(() => campaignSubject.id, { onDelete: 'cascade' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('participation_once_key')
			.on(t.campaignId, t.userId, t.ballotCodeId, t.subjectId)
			.nullsNotDistinct(),
		index('participation_user_idx').on(t.userId),
		check('participation_one_rater', sql`(${t.userId} is null) <> (${t.ballotCodeId} is null)`)
	]
);

/**
 * What was voted on one subject. The id is a random UUID and the date is the day only: nothing on
 * this row orders it against participation. raterId is set only for named (non-secret) campaigns.
 */
export const ballot = pgTable(
	'ballot',
	{
		id: uuid('id').primaryKey(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		subjectId: integer('subject_id')
			.notNull()
			.references(() => campaignSubject.id, { onDelete: 'cascade' }),
		tierId: integer('tier_id').references(() => raterTier.id),
		channel: ballotChannel('channel').notNull(),
		castOn: date('cast_on').notNull(),
		raterId: integer('rater_id').references(() => appUser.id)
	},
	(t) => [index('ballot_campaign_subject_idx').on(t.campaignId, t.subjectId)]
);

/** One answer; keyed by ballot and question, so it has no sequence number either. */
export const ballotAnswer = pgTable(
	'ballot_answer',
	{
		ballotId: uuid('ballot_id')
			.notNull()
			.references(() => ballot.id, { onDelete: 'cascade' }),
		questionId: integer('question_id')
			.notNull()
			.references(() => question.id, { onDelete: 'cascade' }),
		optionKey: text('option_key'),
		score: integer('score'),
		// Option keys of a checklist, or subject ids (as text) of a pick question.
		selected: jsonb('selected').$type<string[]>(),
		text: text('text'),
		reason: text('reason')
	},
	(t) => [primaryKey({ columns: [t.ballotId, t.questionId] })]
);

/** An accepted submission: a retry with the same idempotency key gets the same receipt back. */
export const submission = pgTable(
	'submission',
	{
		idempotencyKey: text('idempotency_key').primaryKey(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		receiptCode: text('receipt_code').notNull(),
		receivedOn: date('received_on').notNull()
	},
	(t) => [index('submission_campaign_idx').on(t.campaignId)]
);

/** A paper ballot keyed twice by different staff; ballots are written only when both agree. */
export const paperEntry = pgTable(
	'paper_entry',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		// The number printed on the paper form, so the same sheet is never counted twice.
		serial: text('serial').notNull(),
		tierId: integer('tier_id').references(() => raterTier.id),
		firstAnswers: jsonb('first_answers').notNull(),
		firstBy: integer('first_by')
			.notNull()
			.references(() => appUser.id),
		secondAnswers: jsonb('second_answers'),
		secondBy: integer('second_by').references(() => appUser.id),
		status: paperEntryStatus('status').notNull().default('awaiting_second'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('paper_entry_serial_key').on(t.campaignId, t.serial),
		check('paper_entry_two_people', sql`${t.secondBy} is null or ${t.secondBy} <> ${t.firstBy}`)
	]
);

export type Campaign = typeof campaign.$inferSelect;
export type NewCampaign = typeof campaign.$inferInsert;
export type CampaignSubject = typeof campaignSubject.$inferSelect;
export type RaterTier = typeof raterTier.$inferSelect;
export type Question = typeof question.$inferSelect;
export type NewQuestion = typeof question.$inferInsert;
export type BallotCode = typeof ballotCode.$inferSelect;
export type Participation = typeof participation.$inferSelect;
export type Ballot = typeof ballot.$inferSelect;
export type BallotAnswer = typeof ballotAnswer.$inferSelect;
export type PaperEntry = typeof paperEntry.$inferSelect;
export type ElectorateSource = (typeof electorateSource.enumValues)[number];
export type BallotChannel = (typeof ballotChannel.enumValues)[number];

import { sql } from 'drizzle-orm';
import {
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { appUser } from './auth';
import { campaign, campaignKind, campaignSubject } from './campaign';
import { cadre, region, unit } from './reference';

/** Raw bytes; both drivers hand back a Uint8Array (postgres.js a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => Buffer.from(value),
	fromDriver: (value) => new Uint8Array(value)
});

export const outcomeStatus = pgEnum('outcome_status', ['proposed', 'confirmed', 'overturned']);
export const rectificationStatus = pgEnum('rectification_status', [
	'open',
	'in_progress',
	'submitted',
	'closed'
]);

/**
 * The frozen results of a published campaign: the canonical JSON text exactly as hashed, so anyone
 * can re-hash it, and the same hash sits in the audit chain. One per campaign; never updated.
 */
export const result = pgTable('result', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	campaignId: integer('campaign_id')
		.notNull()
		.unique('result_campaign_key')
		.references(() => campaign.id),
	snapshot: text('snapshot').notNull(),
	sha256: text('sha256').notNull(),
	ballotCount: integer('ballot_count').notNull(),
	rulesApplied: jsonb('rules_applied').$type<string[]>().notNull(),
	publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
	publishedBy: integer('published_by').references(() => appUser.id, { onDelete: 'set null' })
});

/**
 * A consequence a rule proposed at publication. The numbers are a copy of the snapshot's trigger
 * and are never edited; staff only change the status, with a reason, and add annotations.
 */
export const outcome = pgTable(
	'outcome',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id),
		subjectId: integer('subject_id')
			.notNull()
			.references(() => campaignSubject.id),
		ruleId: text('rule_id').notNull(),
		consequences: jsonb('consequences').$type<string[]>().notNull(),
		rectificationDays: integer('rectification_days'),
		numbers: jsonb('numbers').$type<Record<string, unknown>>().notNull(),
		status: outcomeStatus('status').notNull().default('proposed'),
		annotations: jsonb('annotations')
			.$type<{ text: string; by: string | null; at: string }[]>()
			.notNull()
			.default([]),
		reason: text('reason'),
		decidedBy: integer('decided_by').references(() => appUser.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [
		unique('outcome_rule_subject_key').on(t.campaignId, t.ruleId, t.subjectId),
		check('outcome_overturn_reason', sql`${t.status} <> 'overturned' or ${t.reason} is not null`)
	]
);

/** 整改: a problem list an owner unit must fix by a deadline, closed out (销号) by staff. */
export const rectification = pgTable(
	'rectification',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		outcomeId: integer('outcome_id')
			.notNull()
			.unique('rectification_outcome_key')
			.references(() => outcome.id),
		ownerUnitId: integer('owner_unit_id').references(() => unit.id),
		// What the item is about, copied so a team or an unlinked subject still has an owner name.
		ownerLabel: text('owner_label').notNull(),
		problems: jsonb('problems').$type<string[]>().notNull().default([]),
		deadline: date('deadline').notNull(),
		status: rectificationStatus('status').notNull().default('open'),
		closedBy: integer('closed_by').references(() => appUser.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('rectification_deadline_idx').on(t.status, t.deadline),
		check('rectification_closed_by', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`)
	]
);

/**
 * A progress note, optionally with one evidence file. Files are kept in the row (bytea) so a note
 * and its evidence commit together and travel in the same database backup on both drivers.
 */
export const rectificationNote = pgTable(
	'rectification_note',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		rectificationId: integer('rectification_id')
			.notNull()
			.references(() => rectification.id),
		text: text('text').notNull(),
		fileName: text('file_name'),
		fileType: text('file_type'),
		fileSize: integer('file_size'),
		fileSha256: text('file_sha256'),
		fileContent: bytea('file_content'),
		authorId: integer('author_id').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('rectification_note_item_idx').on(t.rectificationId),
		check(
			'rectification_note_file',
			sql`(${t.fileContent} is null) = (${t.fileSha256} is null) and (${t.fileContent} is null) = (${t.fileName} is null)`
		)
	]
);

/** Who an interview (约谈) was held with: one cadre, or a unit's leadership team (领导班子). */
export const interviewKind = pgEnum('interview_kind', ['cadre', 'team']);

/**
 * An interview (约谈) of a cadre or of a unit's leadership team. The count per year caps the annual
 * rating (docs/SCORING.md §7). The unit is the team's unit, or the cadre's unit when recorded, and
 * places the record in a region for scoping. Rows are deleted outright (audited with their content).
 */
export const interview = pgTable(
	'interview',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		kind: interviewKind('kind').notNull(),
		cadreId: integer('cadre_id').references(() => cadre.id),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id),
		year: integer('year').notNull(),
		heldOn: date('held_on').notNull(),
		reason: text('reason').notNull(),
		recordedBy: integer('recorded_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('interview_cadre_year_idx').on(t.cadreId, t.year),
		index('interview_unit_year_idx').on(t.unitId, t.year),
		check('interview_cadre_ref', sql`(${t.kind} = 'cadre') = (${t.cadreId} is not null)`),
		check('interview_year_range', sql`${t.year} between 2000 and 2200`),
		check('interview_year_of_date', sql`extract(year from ${t.heldOn}) = ${t.year}`)
	]
);

/**
 * A campaign's own consequence rules, edited by staff before publication (seeded from the kind's
 * template). Without a row the template applies. Frozen into the snapshot at publication.
 */
export const campaignRules = pgTable('campaign_rules', {
	campaignId: integer('campaign_id')
		.primaryKey()
		.references(() => campaign.id, { onDelete: 'cascade' }),
	rules: jsonb('rules').$type<unknown[]>().notNull(),
	updatedBy: integer('updated_by').references(() => appUser.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A ranking round: campaigns of one kind and year (e.g. one satisfaction survey per district)
 * ranked against each other once all are published, with the group's own rank rules.
 */
export const rankingGroup = pgTable(
	'ranking_group',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		title: text('title').notNull(),
		kind: campaignKind('kind').notNull(),
		year: integer('year').notNull(),
		// The region whose districts are ranked (e.g. the city); null: installation-wide.
		regionId: integer('region_id').references(() => region.id),
		rules: jsonb('rules').$type<unknown[]>().notNull(),
		createdBy: integer('created_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('ranking_group_year_range', sql`${t.year} between 2000 and 2200`)]
);

/** A campaign belongs to at most one ranking group. */
export const rankingGroupMember = pgTable(
	'ranking_group_member',
	{
		groupId: integer('group_id')
			.notNull()
			.references(() => rankingGroup.id, { onDelete: 'cascade' }),
		campaignId: integer('campaign_id')
			.notNull()
			.unique('ranking_group_member_campaign_key')
			.references(() => campaign.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.groupId, t.campaignId] })]
);

/**
 * The frozen combined ranking of a group, written when its last member is published: canonical
 * JSON built from the members' published snapshots, its SHA-256 also in the audit chain.
 */
export const rankingGroupResult = pgTable('ranking_group_result', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	groupId: integer('group_id')
		.notNull()
		.unique('ranking_group_result_group_key')
		.references(() => rankingGroup.id),
	snapshot: text('snapshot').notNull(),
	sha256: text('sha256').notNull(),
	publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow()
});

export type Result = typeof result.$inferSelect;
export type Interview = typeof interview.$inferSelect;
export type RankingGroup = typeof rankingGroup.$inferSelect;
export type RankingGroupResult = typeof rankingGroupResult.$inferSelect;
export type Outcome = typeof outcome.$inferSelect;
export type Rectification = typeof rectification.$inferSelect;
export type RectificationNote = typeof rectificationNote.$inferSelect;
export type RectificationStatus = (typeof rectificationStatus.enumValues)[number];
export type OutcomeStatus = (typeof outcomeStatus.enumValues)[number];

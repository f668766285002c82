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
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { appUser } from './auth';
import { campaign, campaignSubject } from './campaign';
import { unit } from './reference';

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

export type Result = typeof result.$inferSelect;
export type Outcome = typeof outcome.$inferSelect;
export type Rectification = typeof rectification.$inferSelect;
export type RectificationNote = typeof rectificationNote.$inferSelect;
export type RectificationStatus = (typeof rectificationStatus.enumValues)[number];
export type OutcomeStatus = (typeof outcomeStatus.enumValues)[number];

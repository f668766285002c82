import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The full-process record (全程记实): append-only, each event hash-chained to the one before, so a
 * changed or removed event breaks every hash after it. Rows are never updated or deleted.
 */
export const auditEvent = pgTable(
	'audit_event',
	{
		seq: bigint('seq', { mode: 'number' }).primaryKey(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		// No foreign key: the trail must outlive anything it mentions.
		actorUserId: integer('actor_user_id'),
		actorLabel: text('actor_label'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		details: jsonb('details').$type<Record<string, unknown>>().notNull(),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		index('audit_event_subject_idx').on(t.subjectType, t.subjectId),
		index('audit_event_action_idx').on(t.action)
	]
);

export type AuditEvent = typeof auditEvent.$inferSelect;

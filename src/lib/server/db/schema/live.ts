import { boolean, integer, jsonb, pgEnum, pgTable, timestamp } from 'drizzle-orm/pg-core';
import type { LiveSnapshot } from '../../../domain/live-snapshot';
import { appUser } from './auth';
import { campaign } from './campaign';

export const livePolicy = pgEnum('live_policy', ['running', 'sealed']);
export const liveRevealOrder = pgEnum('live_reveal_order', ['bottom_up', 'top_down']);

/**
 * The host console's state for one campaign's broadcast, so a restarted server puts the same
 * screen back: policy, places revealed, freeze (with the frozen picture) and rehearsal. A
 * campaign without a row uses the defaults (running, bottom up, nothing frozen).
 */
export const liveState = pgTable('live_state', {
	campaignId: integer('campaign_id')
		.primaryKey()
		.references(() => campaign.id, { onDelete: 'cascade' }),
	policy: livePolicy('policy').notNull().default('running'),
	revealOrder: liveRevealOrder('reveal_order').notNull().default('bottom_up'),
	revealed: integer('revealed').notNull().default(0),
	frozen: boolean('frozen').notNull().default(false),
	// What the screen showed when the host froze it.
	frozenSnapshot: jsonb('frozen_snapshot').$type<LiveSnapshot>(),
	rehearsal: boolean('rehearsal').notNull().default(false),
	// The rehearsal's synthetic ballots are regenerated from these two numbers, never stored.
	rehearsalBallots: integer('rehearsal_ballots').notNull().default(0),
	rehearsalSeed: integer('rehearsal_seed').notNull().default(0),
	updatedBy: integer('updated_by').references(() => appUser.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type LiveState = typeof liveState.$inferSelect;

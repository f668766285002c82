import { sql } from 'drizzle-orm';
import {
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
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { jurorCategories, type JurorCategory } from '../../../domain/jury-composition';
import type { EligibleJuror, Stratum } from '../../../domain/jury-draw';
import { appUser } from './auth';
import { region, unit } from './reference';

export const jurorCategory = pgEnum('juror_category', jurorCategories);
export const jurorRoute = pgEnum('juror_route', ['self_nominated', 'recommended']);
/** 'rejected' closes an application that was never approved; the others follow the list. */
export const jurorStatus = pgEnum('juror_status', [
	'applied',
	'approved',
	'active',
	'expired',
	'withdrawn',
	'dismissed',
	'rejected'
]);
/** The citizen jury, and the cadre-work supervisors (干部工作监督员) kept as a separate roster. */
export const rosterKind = pgEnum('roster_kind', ['jury', 'supervisor']);
export const drawStatus = pgEnum('draw_status', ['committed', 'revealed']);

export const juror = pgTable(
	'juror',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		roster: rosterKind('roster').notNull().default('jury'),
		/** Shown to the applicant and quoted on the phone; unguessable enough not to enumerate. */
		confirmationNumber: text('confirmation_number').notNull(),
		name: text('name').notNull(),
		phone: text('phone').notNull(),
		regionId: integer('region_id')
			.notNull()
			.references(() => region.id),
		category: jurorCategory('category').notNull(),
		employerUnitId: integer('employer_unit_id').references(() => unit.id),
		employerName: text('employer_name'),
		route: jurorRoute('route').notNull(),
		recommender: text('recommender'),
		status: jurorStatus('status').notNull(),
		/** Set when staff asked the applicant for more information; cleared by the next decision. */
		infoRequest: text('info_request'),
		userId: integer('user_id').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('juror_confirmation_number_key').on(t.confirmationNumber),
		// One living record per phone and roster: a person who withdrew or was turned down may apply again.
		uniqueIndex('juror_roster_phone_live_key')
			.on(t.roster, t.phone)
			.where(sql`${t.status} in ('applied', 'approved', 'active', 'expired')`),
		index('juror_status_idx').on(t.roster, t.status),
		index('juror_employer_idx').on(t.employerUnitId),
		check(
			'juror_recommended_has_recommender',
			sql`${t.route} = 'self_nominated' or ${t.recommender} is not null`
		)
	]
);

export const jurorTerm = pgTable(
	'juror_term',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		jurorId: integer('juror_id')
			.notNull()
			.references(() => juror.id),
		startsOn: date('starts_on').notNull(),
		/** The term's last day, inclusive. */
		endsOn: date('ends_on').notNull(),
		renewedFromTermId: integer('renewed_from_term_id').references((): AnyPgColumn => jurorTerm.id),
		createdBy: integer('created_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('juror_term_juror_idx').on(t.jurorId, t.endsOn),
		uniqueIndex('juror_term_renewed_from_key').on(t.renewedFromTermId),
		check('juror_term_order', sql`${t.startsOn} <= ${t.endsOn}`)
	]
);

export const jurorStatusChange = pgTable(
	'juror_status_change',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		jurorId: integer('juror_id')
			.notNull()
			.references(() => juror.id),
		fromStatus: jurorStatus('from_status'),
		toStatus: jurorStatus('to_status').notNull(),
		reason: text('reason').notNull(),
		// null: the system (term expiry).
		actorUserId: integer('actor_user_id').references(() => appUser.id, { onDelete: 'set null' }),
		actorLabel: text('actor_label'),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('juror_status_change_juror_idx').on(t.jurorId, t.occurredAt)]
);

/** A declared conflict of interest between a juror and a unit (family, former employer, ...). */
export const jurorRelation = pgTable(
	'juror_relation',
	{
		jurorId: integer('juror_id')
			.notNull()
			.references(() => juror.id),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id),
		note: text('note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.jurorId, t.unitId] }),
		index('juror_relation_unit_idx').on(t.unitId)
	]
);

/** The rule's settings: one row (id = 1); absent means the defaults in the domain module. */
export const jurySetting = pgTable(
	'jury_setting',
	{
		id: integer('id').primaryKey(),
		countedCategories: jurorCategory('counted_categories').array().notNull(),
		shareNum: integer('share_num').notNull(),
		shareDen: integer('share_den').notNull(),
		termMonths: integer('term_months').notNull(),
		renewalNoticeDays: integer('renewal_notice_days').notNull(),
		updatedBy: integer('updated_by').references(() => appUser.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('jury_setting_single_row', sql`${t.id} = 1`),
		check(
			'jury_setting_share',
			sql`${t.shareDen} > 0 and ${t.shareNum} between 0 and ${t.shareDen}`
		),
		check('jury_setting_term', sql`${t.termMonths} > 0 and ${t.renewalNoticeDays} >= 0`)
	]
);

export interface DrawExcludedCounts {
	employer: number;
	related: number;
	recent: number;
}

/** A targeted sub-panel draw. Everything but the sealed seed is public once written. */
export const draw = pgTable(
	'draw',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id),
		size: integer('size').notNull(),
		recentDrawsExcluded: integer('recent_draws_excluded').notNull().default(0),
		shareNum: integer('share_num').notNull(),
		shareDen: integer('share_den').notNull(),
		commitment: text('commitment').notNull(),
		seed: text('seed'),
		/**
		 * Declared at commitment: where the public value will come from and when it becomes known
		 * (e.g. a named lottery draw). Null only for draws committed before it was required.
		 */
		publicValueSource: text('public_value_source'),
		publicValue: text('public_value'),
		eligible: jsonb('eligible').$type<EligibleJuror[]>().notNull(),
		excluded: jsonb('excluded').$type<DrawExcludedCounts>().notNull(),
		selected: jsonb('selected').$type<number[]>(),
		status: drawStatus('status').notNull().default('committed'),
		createdBy: integer('created_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revealedBy: integer('revealed_by').references(() => appUser.id, { onDelete: 'set null' }),
		revealedAt: timestamp('revealed_at', { withTimezone: true })
	},
	(t) => [
		index('draw_unit_idx').on(t.unitId),
		check('draw_size', sql`${t.size} >= 1 and ${t.recentDrawsExcluded} >= 0`),
		check(
			'draw_revealed_complete',
			sql`(${t.status} = 'revealed') = (${t.seed} is not null and ${t.selected} is not null and ${t.revealedAt} is not null)`
		),
		check(
			'draw_public_value_source_length',
			sql`char_length(${t.publicValueSource}) between 1 and 200`
		)
	]
);

/**
 * The seed between commitment and reveal, kept out of the public `draw` row so no query that
 * shows a draw can leak it early. Deleted once the seed is copied to `draw.seed` at reveal.
 */
export const drawSealedSeed = pgTable('draw_sealed_seed', {
	drawId: integer('draw_id')
		.primaryKey()
		.references(() => draw.id),
	seed: text('seed').notNull()
});

export const drawMember = pgTable(
	'draw_member',
	{
		drawId: integer('draw_id')
			.notNull()
			.references(() => draw.id),
		jurorId: integer('juror_id')
			.notNull()
			.references(() => juror.id),
		/** 0-based order in which the juror was drawn. */
		position: integer('position').notNull(),
		stratum: text('stratum').$type<Stratum>().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.drawId, t.jurorId] }),
		uniqueIndex('draw_member_position_key').on(t.drawId, t.position),
		index('draw_member_juror_idx').on(t.jurorId)
	]
);

export type Juror = typeof juror.$inferSelect;
export type NewJuror = typeof juror.$inferInsert;
export type JurorTerm = typeof jurorTerm.$inferSelect;
export type JurorStatusChange = typeof jurorStatusChange.$inferSelect;
export type JurySetting = typeof jurySetting.$inferSelect;
export type Draw = typeof draw.$inferSelect;
export type DrawMember = typeof drawMember.$inferSelect;
export type JurorStatus = (typeof jurorStatus.enumValues)[number];
export type JurorRoute = (typeof jurorRoute.enumValues)[number];
export type RosterKind = (typeof rosterKind.enumValues)[number];
export type { JurorCategory };

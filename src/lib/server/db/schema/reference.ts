import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';

/** Administrative levels, top down. A region's parent is always exactly one level up. */
export const regionLevel = pgEnum('region_level', ['province', 'city', 'district', 'township']);
/** Departments, law-enforcement bodies, and the service windows that belong to a unit. */
export const unitKind = pgEnum('unit_kind', ['department', 'law_enforcement', 'service_window']);
/** County-level (处级) or section-level (科级) cadres. */
export const cadreLevel = pgEnum('cadre_level', ['county', 'section']);

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	// Reference data is archived, never deleted: published results keep pointing at it.
	archivedAt: timestamp('archived_at', { withTimezone: true })
};

export const region = pgTable(
	'region',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		level: regionLevel('level').notNull(),
		parentId: integer('parent_id').references((): AnyPgColumn => region.id),
		...timestamps
	},
	(t) => [
		uniqueIndex('region_code_key').on(t.code),
		index('region_parent_idx').on(t.parentId),
		check('region_parent_unless_province', sql`(${t.level} = 'province') = (${t.parentId} is null)`)
	]
);

export const unit = pgTable(
	'unit',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		kind: unitKind('kind').notNull(),
		regionId: integer('region_id')
			.notNull()
			.references(() => region.id),
		parentUnitId: integer('parent_unit_id').references((): AnyPgColumn => unit.id),
		...timestamps
	},
	(t) => [
		uniqueIndex('unit_code_key').on(t.code),
		index('unit_region_idx').on(t.regionId),
		index('unit_parent_idx').on(t.parentUnitId),
		// A service window always belongs to a unit; departments and bodies stand alone.
		check(
			'unit_window_has_parent',
			sql`(${t.kind} = 'service_window') = (${t.parentUnitId} is not null)`
		)
	]
);

export const cadre = pgTable(
	'cadre',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id),
		position: text('position').notNull(),
		level: cadreLevel('level').notNull(),
		midLevel: boolean('mid_level').notNull().default(false),
		/**
		 * One of the unit's principal leaders (主要负责人: its party secretary or its director), so
		 * the head of its leadership team under the interview rules (annual-rating.ts). A unit may
		 * have two: party and administrative heads.
		 */
		headsUnit: boolean('heads_unit').notNull().default(false),
		birthMonth: text('birth_month'),
		appointedOn: date('appointed_on'),
		...timestamps
	},
	(t) => [
		uniqueIndex('cadre_code_key').on(t.code),
		index('cadre_unit_idx').on(t.unitId),
		check('cadre_birth_month_format', sql`${t.birthMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
	]
);

export type Region = typeof region.$inferSelect;
export type NewRegion = typeof region.$inferInsert;
export type Unit = typeof unit.$inferSelect;
export type NewUnit = typeof unit.$inferInsert;
export type Cadre = typeof cadre.$inferSelect;
export type NewCadre = typeof cadre.$inferInsert;
export type RegionLevel = (typeof regionLevel.enumValues)[number];
export type UnitKind = (typeof unitKind.enumValues)[number];
export type CadreLevel = (typeof cadreLevel.enumValues)[number];

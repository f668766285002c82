import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	jsonb,
	numeric,
	pgEnum,
	pgTable,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { appUser } from './auth';
import { campaign } from './campaign';
import { region, unit } from './reference';

/** How a value reads: a score (84.36), a percentage (98.49) or a place (4th). */
export const indicatorUnit = pgEnum('indicator_unit', ['score', 'percent', 'rank']);
/** Official figures come in by import; the platform's own come from published campaigns. */
export const indicatorSource = pgEnum('indicator_source', ['imported', 'computed']);
export const importBatchStatus = pgEnum('import_batch_status', [
	'staged',
	'confirmed',
	'discarded'
]);

/** A measure with a stable definition, so that a series means the same thing every year. */
export const indicator = pgTable(
	'indicator',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		key: text('key').notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		definitionZh: text('definition_zh').notNull(),
		definitionEn: text('definition_en').notNull(),
		unit: indicatorUnit('unit').notNull(),
		/** Decimal places shown; stored values keep every digit they were given. */
		precision: integer('precision').notNull(),
		higherIsBetter: boolean('higher_is_better').notNull().default(true),
		builtIn: boolean('built_in').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('indicator_key_key').on(t.key),
		check('indicator_precision_range', sql`${t.precision} between 0 and 6`)
	]
);

/** Staged rows of an import waiting for confirmation, then the record of what it replaced. */
export type StagedIndicatorRow = {
	row: number;
	indicatorKey: string;
	regionCode: string;
	year: number;
	value: string;
	rank: number | null;
	peers: number | null;
	source: string | null;
};
export type ReplacedYear = {
	indicatorKey: string;
	year: number;
	parentCode: string | null;
	removed: number;
};

export const importBatch = pgTable(
	'import_batch',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		fileName: text('file_name').notNull(),
		rowCount: integer('row_count').notNull(),
		status: importBatchStatus('status').notNull().default('staged'),
		/** The parsed rows between preview and confirm; kept afterwards as the batch's content. */
		rows: jsonb('rows').$type<StagedIndicatorRow[]>().notNull(),
		replaced: jsonb('replaced').$type<ReplacedYear[]>().notNull().default([]),
		createdBy: integer('created_by').references(() => appUser.id, { onDelete: 'set null' }),
		createdByLabel: text('created_by_label'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true })
	},
	(t) => [index('import_batch_status_idx').on(t.status, t.createdAt)]
);

/**
 * The rollup every dashboard reads: one value per indicator, region, period and source. A period
 * is a year ('2011') or a campaign's period key; `year` is always set so series line up by year.
 */
export const indicatorValue = pgTable(
	'indicator_value',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicator.id),
		regionId: integer('region_id')
			.notNull()
			.references(() => region.id),
		period: text('period').notNull(),
		year: integer('year').notNull(),
		value: numeric('value').notNull(),
		rank: integer('rank'),
		peers: integer('peers'),
		source: indicatorSource('source').notNull(),
		sourceDocument: text('source_document'),
		campaignId: integer('campaign_id').references(() => campaign.id),
		importBatchId: integer('import_batch_id').references(() => importBatch.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('indicator_value_key').on(t.indicatorId, t.regionId, t.period, t.source),
		index('indicator_value_series_idx').on(t.indicatorId, t.year, t.regionId),
		check('indicator_value_year_range', sql`${t.year} between 1949 and 2200`),
		check('indicator_value_peers_positive', sql`${t.peers} is null or ${t.peers} >= 1`),
		check(
			'indicator_value_rank_within_peers',
			sql`${t.rank} is null or (${t.rank} >= 1 and (${t.peers} is null or ${t.rank} <= ${t.peers}))`
		),
		check(
			'indicator_value_computed_has_campaign',
			sql`${t.source} = 'imported' or ${t.campaignId} is not null`
		)
	]
);

/** Units' own computed scores (unit evaluation campaigns), for the drill-down below a district. */
export const unitIndicatorValue = pgTable(
	'unit_indicator_value',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicator.id),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id),
		period: text('period').notNull(),
		year: integer('year').notNull(),
		value: numeric('value').notNull(),
		rank: integer('rank'),
		peers: integer('peers'),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('unit_indicator_value_key').on(t.indicatorId, t.unitId, t.period),
		index('unit_indicator_value_unit_idx').on(t.unitId, t.indicatorId, t.year),
		check('unit_indicator_value_year_range', sql`${t.year} between 1949 and 2200`)
	]
);

/**
 * One row whose number goes up in every transaction that changes a value or a region (triggers in
 * migration 0011): the dashboard's series cache is keyed by it (trends/series-cache.ts), so a
 * cached series is never older than the data it was read from, on any instance.
 */
export const trendsVersion = pgTable(
	'trends_version',
	{
		id: boolean('id').primaryKey().default(true),
		version: bigint('version', { mode: 'number' }).notNull().default(0)
	},
	(t) => [check('trends_version_one_row', sql`${t.id}`)]
);

export type Indicator = typeof indicator.$inferSelect;
export type NewIndicator = typeof indicator.$inferInsert;
export type IndicatorValue = typeof indicatorValue.$inferSelect;
export type NewIndicatorValue = typeof indicatorValue.$inferInsert;
export type UnitIndicatorValue = typeof unitIndicatorValue.$inferSelect;
export type ImportBatch = typeof importBatch.$inferSelect;
export type IndicatorUnit = (typeof indicatorUnit.enumValues)[number];
export type IndicatorSource = (typeof indicatorSource.enumValues)[number];

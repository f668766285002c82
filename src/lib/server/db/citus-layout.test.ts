import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema';

/**
 * The Citus layout docs/SCALING.md describes, table by table: distributed (sharded by a column),
 * reference (a full copy on every node) or local (on the coordinator only). A new table fails
 * the test until someone decides where it lives.
 */
type Placement = { distributedBy: string } | 'reference' | 'local';
const byCampaign = { distributedBy: 'campaign_id' };
const layout: Record<string, Placement> = {
	// Reference data and people: small, read by every shard's joins, rarely written.
	region: 'reference',
	unit: 'reference',
	cadre: 'reference',
	app_user: 'reference',
	role_grant: 'reference',
	invitation_code: 'reference',
	juror: 'reference',
	juror_term: 'reference',
	juror_status_change: 'reference',
	juror_relation: 'reference',
	jury_setting: 'reference',
	draw: 'reference',
	draw_sealed_seed: 'reference',
	draw_member: 'reference',
	// A campaign's definition: written while it is a draft, then only read, next to its ballots.
	campaign: 'reference',
	campaign_subject: 'reference',
	rater_tier: 'reference',
	question: 'reference',
	// What grows with respondents: one shard per campaign, so a submission is single-shard.
	electorate: byCampaign,
	ballot_code: byCampaign,
	participation: byCampaign,
	ballot: byCampaign,
	ballot_answer: byCampaign,
	submission: byCampaign,
	paper_entry: byCampaign,
	live_state: byCampaign,
	// Published results and their follow-up: few rows, written by staff after a campaign closes.
	result: 'reference',
	outcome: 'reference',
	rectification: 'reference',
	rectification_note: 'reference',
	campaign_rules: 'reference',
	interview: 'reference',
	// A ranking round across districts: a handful of campaigns and one frozen ranking per round.
	ranking_group: 'reference',
	ranking_group_member: 'reference',
	ranking_group_result: 'reference',
	// Trends: the series of one region (or unit) lives on one shard.
	indicator: 'reference',
	import_batch: 'reference',
	// One row, read by every dashboard view and raised by a change to values or regions.
	trends_version: 'reference',
	indicator_value: { distributedBy: 'region_id' },
	unit_indicator_value: { distributedBy: 'unit_id' },
	// Sessions are looked up by id on every request; the audit chain is one ordered sequence.
	session: { distributedBy: 'id' },
	audit_event: 'local'
};

/**
 * Where the schema breaks Citus's rules for the layout above: the migration work SCALING.md
 * lists. The test asserts exactly this list, so fixing one means deleting its line here and a
 * new violation fails.
 */
const knownViolations = [
	'ballot: primary key (id) lacks campaign_id',
	'ballot_answer: has no campaign_id column',
	'ballot_answer: foreign key (ballot_id) to ballot lacks campaign_id',
	'ballot_code: primary key (id) lacks campaign_id',
	'ballot_code: unique ballot_code_hash_key (code_hash) lacks campaign_id',
	'electorate: primary key (id) lacks campaign_id',
	'indicator_value: primary key (id) lacks region_id',
	'paper_entry: primary key (id) lacks campaign_id',
	'participation: foreign key (ballot_code_id) to ballot_code lacks campaign_id',
	'participation: primary key (id) lacks campaign_id',
	'submission: primary key (idempotency_key) lacks campaign_id',
	'unit_indicator_value: primary key (id) lacks unit_id'
];

const tables = Object.values(schema as Record<string, unknown>).filter(
	(value): value is PgTable => value instanceof PgTable
);
const configs = tables.map((table) => getTableConfig(table));

const names = (columns: PgColumn[]) => columns.map((column) => column.name);

/** Every primary key and unique key of a table, as [label, column names]. */
function uniqueKeys(config: ReturnType<typeof getTableConfig>): [string, string[]][] {
	const keys: [string, string[]][] = [];
	const singlePk = config.columns.filter((column) => column.primary);
	if (singlePk.length > 0) keys.push(['primary key', names(singlePk)]);
	for (const pk of config.primaryKeys) keys.push(['primary key', names(pk.columns)]);
	for (const unique of config.uniqueConstraints)
		keys.push([`unique ${unique.name}`, names(unique.columns)]);
	for (const column of config.columns.filter((c) => c.isUnique))
		keys.push([`unique ${column.uniqueName}`, [column.name]]);
	for (const index of config.indexes.filter((i) => i.config.unique)) {
		const columns = index.config.columns.map((c) => ('name' in c ? String(c.name) : '?'));
		keys.push([`unique ${index.config.name}`, columns]);
	}
	return keys;
}

function violationsOf(config: ReturnType<typeof getTableConfig>): string[] {
	const placement = layout[config.name];
	const found: string[] = [];
	for (const fk of config.foreignKeys) {
		const ref = fk.reference();
		const target = getTableConfig(ref.foreignTable);
		const targetPlacement = layout[target.name];
		const label = `foreign key (${names(ref.columns).join(', ')}) to ${target.name}`;
		if (typeof placement !== 'object') {
			// A copy on every node (or the coordinator) cannot point into one shard's rows.
			if (typeof targetPlacement === 'object')
				found.push(`${config.name}: ${label} is into shards`);
			continue;
		}
		if (targetPlacement === 'local') found.push(`${config.name}: ${label} is to a local table`);
		if (typeof targetPlacement === 'object') {
			const pairs = ref.columns.map((c, i) => [c.name, ref.foreignColumns[i].name]);
			const joined = pairs.some(
				([from, to]) => from === placement.distributedBy && to === targetPlacement.distributedBy
			);
			if (!joined) found.push(`${config.name}: ${label} lacks ${placement.distributedBy}`);
		}
	}
	if (typeof placement !== 'object') return found;
	const column = placement.distributedBy;
	if (!config.columns.some((c) => c.name === column))
		return [`${config.name}: has no ${column} column`, ...found];
	for (const [label, columns] of uniqueKeys(config))
		if (!columns.includes(column))
			found.push(`${config.name}: ${label} (${columns.join(', ')}) lacks ${column}`);
	return found;
}

describe('the Citus layout in docs/SCALING.md', () => {
	it('places every table of the schema, and only those', () => {
		expect(configs.map((c) => c.name).sort()).toEqual(Object.keys(layout).sort());
	});

	it('breaks Citus rules (keys and foreign keys carry the distribution column) only where listed', () => {
		const violations = configs.flatMap(violationsOf).sort();
		expect(violations).toEqual([...knownViolations].sort());
	});

	it('shards everything a ballot writes by campaign, so a submission stays on one shard', () => {
		for (const name of ['participation', 'ballot', 'ballot_answer', 'submission', 'ballot_code'])
			expect(layout[name]).toEqual(byCampaign);
	});
});

/** Reads of the roster. Callers sweep expired terms first (see expireDueTerms) when the date matters. */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
	countCategories,
	type CompositionCounts,
	type CompositionRule
} from '$lib/domain/jury-composition';
import { addDays } from '$lib/domain/jury-terms';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import type { JurorCategory, JurorStatus, RosterKind } from '$lib/server/db/schema';
import type { JuryScope } from './scope';
import type { Executor } from './types';

export interface CompositionSummary extends CompositionCounts {
	byCategory: Partial<Record<JurorCategory, number>>;
}

/** Active jurors of the jury roster, by category, and how many the rule counts. */
export async function countComposition(
	db: Executor,
	rule: CompositionRule
): Promise<CompositionSummary> {
	const rows = await db
		.select({ category: table.juror.category, count: sql<number>`count(*)::int` })
		.from(table.juror)
		.where(and(eq(table.juror.roster, 'jury'), eq(table.juror.status, 'active')))
		.groupBy(table.juror.category);
	const byCategory: Partial<Record<JurorCategory, number>> = {};
	const categories: JurorCategory[] = [];
	for (const row of rows) {
		byCategory[row.category] = Number(row.count);
		categories.push(...Array<JurorCategory>(Number(row.count)).fill(row.category));
	}
	return { ...countCategories(rule, categories), byCategory };
}

export interface RosterFilter {
	roster: RosterKind;
	status?: JurorStatus;
	category?: JurorCategory;
	regionId?: number;
	search?: string;
	/** The organizer's regions (null: all); jurors are filtered by the district they live in. */
	scope?: JuryScope;
}

export interface RosterRow {
	id: number;
	name: string;
	phone: string;
	confirmationNumber: string;
	regionName: string;
	category: JurorCategory;
	employer: string | null;
	route: 'self_nominated' | 'recommended';
	recommender: string | null;
	status: JurorStatus;
	infoRequest: string | null;
	termEndsOn: string | null;
}

const latestTermEnd = sql<
	string | null
>`(select max(t.ends_on)::text from ${table.jurorTerm} t where t.juror_id = ${table.juror.id})`;

function scopeCondition(scope: number[]): SQL {
	return scope.length === 0 ? sql`false` : inArray(table.juror.regionId, scope);
}

function rosterWhere(filter: RosterFilter): SQL | undefined {
	const where: SQL[] = [eq(table.juror.roster, filter.roster)];
	if (filter.status) where.push(eq(table.juror.status, filter.status));
	if (filter.category) where.push(eq(table.juror.category, filter.category));
	if (filter.regionId) where.push(eq(table.juror.regionId, filter.regionId));
	if (filter.scope) where.push(scopeCondition(filter.scope));
	if (filter.search) {
		const pattern = `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
		where.push(
			or(
				ilike(table.juror.name, pattern),
				ilike(table.juror.phone, pattern),
				ilike(table.juror.confirmationNumber, pattern)
			) as SQL
		);
	}
	return and(...where);
}

/** How many members match, for paging. */
export async function countRoster(db: Executor, filter: RosterFilter): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(table.juror)
		.where(rosterWhere(filter));
	return Number(row?.count ?? 0);
}

export async function listRoster(
	db: Executor,
	filter: RosterFilter,
	page: { limit: number; offset?: number } = { limit: 500 }
): Promise<RosterRow[]> {
	return db
		.select({
			id: table.juror.id,
			name: table.juror.name,
			phone: table.juror.phone,
			confirmationNumber: table.juror.confirmationNumber,
			regionName: table.region.name,
			category: table.juror.category,
			employer: sql<string | null>`coalesce(${table.unit.name}, ${table.juror.employerName})`,
			route: table.juror.route,
			recommender: table.juror.recommender,
			status: table.juror.status,
			infoRequest: table.juror.infoRequest,
			termEndsOn: latestTermEnd
		})
		.from(table.juror)
		.innerJoin(table.region, eq(table.region.id, table.juror.regionId))
		.leftJoin(table.unit, eq(table.unit.id, table.juror.employerUnitId))
		.where(rosterWhere(filter))
		.orderBy(asc(table.juror.id))
		.limit(page.limit)
		.offset(page.offset ?? 0);
}

export interface RenewalRow {
	id: number;
	name: string;
	roster: RosterKind;
	category: JurorCategory;
	termId: number;
	endsOn: string;
}

/** Active jurors whose latest term ends within the notice window (today included). */
export async function listRenewals(
	db: Executor,
	today: string,
	noticeDays: number,
	scope: JuryScope = null
): Promise<RenewalRow[]> {
	const inScope =
		scope === null
			? sql`true`
			: scope.length === 0
				? sql`false`
				: sql`j.region_id in (${sql.join(
						scope.map((id) => sql`${id}`),
						sql`, `
					)})`;
	const rows = await db.execute(sql`
		select j.id, j.name, j.roster, j.category, t.id as term_id, t.ends_on::text as ends_on
		from ${table.juror} j
		join lateral (
			select id, ends_on from ${table.jurorTerm} where juror_id = j.id order by ends_on desc, id desc limit 1
		) t on true
		where ${inScope} and j.status = 'active' and t.ends_on >= ${today} and t.ends_on <= ${addDays(today, noticeDays)}
		order by t.ends_on, j.id`);
	return rowsOf<Record<string, unknown>>(rows).map((row) => ({
		id: Number(row.id),
		name: String(row.name),
		roster: row.roster as RosterKind,
		category: row.category as JurorCategory,
		termId: Number(row.term_id),
		endsOn: String(row.ends_on)
	}));
}

export async function getJurorDetail(db: Executor, jurorId: number) {
	const [juror] = await db.select().from(table.juror).where(eq(table.juror.id, jurorId));
	if (!juror) return null;
	const [terms, changes, relations] = await Promise.all([
		db
			.select()
			.from(table.jurorTerm)
			.where(eq(table.jurorTerm.jurorId, jurorId))
			.orderBy(asc(table.jurorTerm.startsOn)),
		db
			.select()
			.from(table.jurorStatusChange)
			.where(eq(table.jurorStatusChange.jurorId, jurorId))
			.orderBy(asc(table.jurorStatusChange.id)),
		db
			.select({
				unitId: table.jurorRelation.unitId,
				unitName: table.unit.name,
				note: table.jurorRelation.note
			})
			.from(table.jurorRelation)
			.innerJoin(table.unit, eq(table.unit.id, table.jurorRelation.unitId))
			.where(eq(table.jurorRelation.jurorId, jurorId))
	]);
	return { juror, terms, changes, relations };
}

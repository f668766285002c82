/**
 * Interviews (约谈) of cadres and leadership teams. The count in a year caps the annual rating
 * (docs/SCORING.md §7); results pages read the counts live, because an interview later in the
 * year still caps that year's rating. Every change is audited with the record's content.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { inScope } from './scope';

export type InterviewRefusal =
	'kind' | 'cadre' | 'unit' | 'date' | 'year' | 'reason' | 'outside_scope' | 'not_found';

export class InterviewError extends Error {
	constructor(readonly refusal: InterviewRefusal) {
		super(refusal);
		this.name = 'InterviewError';
	}
}

export interface InterviewInput {
	kind: 'cadre' | 'team';
	cadreId: number | null;
	unitId: number | null;
	heldOn: string;
	year: number;
	reason: string;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day 'YYYY-MM-DD', or null. */
export function parseDay(text: string): string | null {
	const match = datePattern.exec(text.trim());
	if (!match) return null;
	const date = new Date(`${match[0]}T00:00:00Z`);
	return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[0]
		? null
		: match[0];
}

/** Checks a form's fields; the first problem found is the refusal. */
export function parseInterviewForm(form: FormData): InterviewInput | InterviewRefusal {
	const kind = form.get('kind');
	if (kind !== 'cadre' && kind !== 'team') return 'kind';
	const idOf = (name: string) => {
		const value = String(form.get(name) ?? '');
		if (!/^\d{1,10}$/.test(value)) return null;
		const id = Number(value);
		return id > 0 && id <= 2_147_483_647 ? id : null;
	};
	const cadreId = kind === 'cadre' ? idOf('cadre') : null;
	if (kind === 'cadre' && cadreId === null) return 'cadre';
	const unitId = kind === 'team' ? idOf('unit') : null;
	if (kind === 'team' && unitId === null) return 'unit';
	const heldOn = parseDay(String(form.get('heldOn') ?? ''));
	if (!heldOn) return 'date';
	const yearText = String(form.get('year') ?? '').trim();
	const year = yearText === '' ? Number(heldOn.slice(0, 4)) : Number(yearText);
	if (!Number.isInteger(year) || year < 2000 || year > 2200) return 'year';
	if (Number(heldOn.slice(0, 4)) !== year) return 'year';
	const reason = String(form.get('reason') ?? '').trim();
	if (reason.length === 0 || reason.length > 1000) return 'reason';
	return { kind, cadreId, unitId, heldOn, year, reason };
}

async function regionOfUnit(db: Executor, unitId: number): Promise<number | null | undefined> {
	const [row] = await db
		.select({ regionId: table.unit.regionId })
		.from(table.unit)
		.where(eq(table.unit.id, unitId));
	return row?.regionId;
}

/** Records one interview; the cadre or unit must exist and lie inside the organizer's scope. */
export async function recordInterview(
	db: Database,
	input: InterviewInput,
	scope: number[] | null,
	actor: Actor | null
): Promise<number> {
	return db.transaction(async (tx) => {
		let unitId = input.unitId;
		let label: string;
		if (input.kind === 'cadre') {
			const [cadre] = await tx
				.select({ unitId: table.cadre.unitId, name: table.cadre.name })
				.from(table.cadre)
				.where(eq(table.cadre.id, input.cadreId as number));
			if (!cadre) throw new InterviewError('cadre');
			unitId = cadre.unitId;
			label = cadre.name;
		} else {
			const [unit] = await tx
				.select({ name: table.unit.name })
				.from(table.unit)
				.where(eq(table.unit.id, unitId as number));
			if (!unit) throw new InterviewError('unit');
			label = unit.name;
		}
		const regionId = await regionOfUnit(tx, unitId as number);
		if (regionId === undefined || !inScope(scope, regionId))
			throw new InterviewError('outside_scope');
		const [row] = await tx
			.insert(table.interview)
			.values({
				kind: input.kind,
				cadreId: input.kind === 'cadre' ? input.cadreId : null,
				unitId: unitId as number,
				year: input.year,
				heldOn: input.heldOn,
				reason: input.reason,
				recordedBy: actor?.id ?? null
			})
			.returning({ id: table.interview.id });
		await recordAuditEvent(tx, {
			actor,
			action: 'interview.record',
			subjectType: 'interview',
			subjectId: row.id,
			details: { ...input, unitId, label }
		});
		return row.id;
	});
}

/** Deletes one interview inside the scope; the audit event keeps what it said. */
export async function deleteInterview(
	db: Database,
	id: number,
	scope: number[] | null,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ interview: table.interview, regionId: table.unit.regionId })
			.from(table.interview)
			.innerJoin(table.unit, eq(table.unit.id, table.interview.unitId))
			.where(eq(table.interview.id, id))
			.for('update', { of: table.interview });
		if (!row || !inScope(scope, row.regionId)) throw new InterviewError('not_found');
		await tx.delete(table.interview).where(eq(table.interview.id, id));
		const { kind, cadreId, unitId, year, heldOn, reason } = row.interview;
		await recordAuditEvent(tx, {
			actor,
			action: 'interview.delete',
			subjectType: 'interview',
			subjectId: id,
			details: { kind, cadreId, unitId, year, heldOn, reason }
		});
	});
}

export interface InterviewRow {
	id: number;
	kind: 'cadre' | 'team';
	cadreId: number | null;
	cadreName: string | null;
	unitId: number;
	unitName: string;
	year: number;
	heldOn: string;
	reason: string;
	recordedBy: string | null;
	/** Interviews of the same cadre (or team) in the same year, this one included. */
	countInYear: number;
}

function scopeCondition(scope: number[] | null): SQL | undefined {
	if (scope === null) return undefined;
	return scope.length === 0 ? sql`false` : inArray(table.unit.regionId, scope);
}

/** Interviews of one year inside the scope, newest first, each with its year's count. */
export async function listInterviews(
	db: Executor,
	year: number,
	scope: number[] | null
): Promise<InterviewRow[]> {
	const rows = await db
		.select({
			id: table.interview.id,
			kind: table.interview.kind,
			cadreId: table.interview.cadreId,
			cadreName: table.cadre.name,
			unitId: table.interview.unitId,
			unitName: table.unit.name,
			year: table.interview.year,
			heldOn: table.interview.heldOn,
			reason: table.interview.reason,
			recordedBy: table.appUser.email,
			countInYear: sql<number>`(count(*) over (partition by ${table.interview.kind},
				coalesce(${table.interview.cadreId}, -${table.interview.unitId})))::int`
		})
		.from(table.interview)
		.innerJoin(table.unit, eq(table.unit.id, table.interview.unitId))
		.leftJoin(table.cadre, eq(table.cadre.id, table.interview.cadreId))
		.leftJoin(table.appUser, eq(table.appUser.id, table.interview.recordedBy))
		.where(and(eq(table.interview.year, year), scopeCondition(scope)))
		.orderBy(desc(table.interview.heldOn), desc(table.interview.id));
	return rows.map((r) => ({ ...r, countInYear: Number(r.countInYear) }));
}

/** Interview counts in a year: per cadre id, and per unit id for leadership teams. */
export async function interviewCounts(
	db: Executor,
	year: number,
	cadreIds: number[],
	unitIds: number[]
): Promise<{ cadres: Map<number, number>; teams: Map<number, number> }> {
	const cadres = new Map<number, number>();
	const teams = new Map<number, number>();
	if (cadreIds.length > 0) {
		const rows = await db
			.select({ id: table.interview.cadreId, n: sql<number>`count(*)::int` })
			.from(table.interview)
			.where(
				and(
					eq(table.interview.year, year),
					eq(table.interview.kind, 'cadre'),
					inArray(table.interview.cadreId, cadreIds)
				)
			)
			.groupBy(table.interview.cadreId);
		for (const r of rows) cadres.set(Number(r.id), Number(r.n));
	}
	if (unitIds.length > 0) {
		const rows = await db
			.select({ id: table.interview.unitId, n: sql<number>`count(*)::int` })
			.from(table.interview)
			.where(
				and(
					eq(table.interview.year, year),
					eq(table.interview.kind, 'team'),
					inArray(table.interview.unitId, unitIds)
				)
			)
			.groupBy(table.interview.unitId);
		for (const r of rows) teams.set(Number(r.id), Number(r.n));
	}
	return { cadres, teams };
}

/** Cadres and units an organizer may record interviews for (inside the scope, not archived). */
export async function interviewChoices(db: Executor, scope: number[] | null) {
	const where = (regionCondition: SQL | undefined) => regionCondition;
	const units = await db
		.select({ id: table.unit.id, name: table.unit.name, code: table.unit.code })
		.from(table.unit)
		.where(
			and(
				sql`${table.unit.archivedAt} is null`,
				sql`${table.unit.kind} <> 'service_window'`,
				where(scopeCondition(scope))
			)
		)
		.orderBy(asc(table.unit.code));
	const cadres = await db
		.select({
			id: table.cadre.id,
			name: table.cadre.name,
			position: table.cadre.position,
			unitName: table.unit.name
		})
		.from(table.cadre)
		.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
		.where(and(sql`${table.cadre.archivedAt} is null`, scopeCondition(scope)))
		.orderBy(asc(table.unit.code), asc(table.cadre.code));
	return { units, cadres };
}

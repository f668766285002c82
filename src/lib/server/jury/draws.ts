/**
 * Targeted sub-panel draws in two steps. Commit: fix and publish the eligible list (exclusions
 * applied), the SHA-256 commitment of a fresh secret seed, and the declared source of the public
 * value (where it comes from, when it becomes known). Reveal: mix in the value that source
 * published, run the documented draw, publish seed and result. Both are audit events.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { buildEligibleList, drawPanel, planQuotas } from '$lib/domain/jury-draw';
import {
	parsePublicValue,
	parsePublicValueSource,
	type DrawTextOutcome
} from '$lib/domain/jury-draw-inputs';
import { commitmentOf } from '$lib/domain/jury-random';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { Draw } from '$lib/server/db/schema';
import { assertUnitInScope, type JuryScope } from './scope';
import { getJurySettings } from './settings';
import { JuryError, type Actor, type Executor } from './types';

export interface DrawParams {
	unitId: number;
	size: number;
	/** Exclude jurors drawn in the last K revealed draws (0: nobody). */
	recentDraws: number;
	/**
	 * Where the public value will come from and when it becomes known, e.g. "福彩3D 第2026320期开奖
	 * 号码（2026-11-25 21:15 公布）". Required: published with the commitment, so nobody can pick
	 * the value at reveal.
	 */
	publicValueSource: string;
}

/** The trimmed text, or a JuryError naming the field and what is wrong with it. */
function requireText(outcome: DrawTextOutcome, field: 'publicValueSource' | 'publicValue'): string {
	if (outcome.ok) return outcome.value;
	throw new JuryError('bad_draw_text', {
		field,
		problem: outcome.problem,
		max: outcome.max,
		length: outcome.length
	});
}

/** The declared source, trimmed; a JuryError when it is missing, too long or not one line. */
export function requirePublicValueSource(raw: unknown): string {
	return requireText(parsePublicValueSource(raw), 'publicValueSource');
}

/** The unit, its service windows, and its parent when it is itself a window. */
async function unitFamily(db: Executor, unitId: number): Promise<Set<number>> {
	const [unit] = await db.select().from(table.unit).where(eq(table.unit.id, unitId));
	if (!unit) throw new JuryError('unknown_unit');
	const rows = await db
		.select({ id: table.unit.id })
		.from(table.unit)
		.where(
			or(
				eq(table.unit.parentUnitId, unitId),
				unit.parentUnitId ? eq(table.unit.id, unit.parentUnitId) : undefined
			)
		);
	return new Set([unitId, ...rows.map((row) => row.id)]);
}

async function recentlyDrawn(db: Executor, k: number): Promise<Set<number>> {
	if (k === 0) return new Set();
	const draws = await db
		.select({ id: table.draw.id })
		.from(table.draw)
		.where(eq(table.draw.status, 'revealed'))
		.orderBy(desc(table.draw.revealedAt), desc(table.draw.id))
		.limit(k);
	if (draws.length === 0) return new Set();
	const members = await db
		.select({ jurorId: table.drawMember.jurorId })
		.from(table.drawMember)
		.where(
			inArray(
				table.drawMember.drawId,
				draws.map((row) => row.id)
			)
		);
	return new Set(members.map((row) => row.jurorId));
}

function newSeed(): string {
	return encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Step 1. Fails before writing anything when the request cannot be met. A regional organizer may
 * only draw for a unit inside their regions, and only jurors living there are eligible.
 */
export async function commitDraw(
	db: Database,
	params: DrawParams,
	actor: Actor,
	scope: JuryScope = null
): Promise<Draw> {
	const publicValueSource = requirePublicValueSource(params.publicValueSource);
	return db.transaction(async (tx) => {
		const { rule } = await getJurySettings(tx);
		const units = await unitFamily(tx, params.unitId);
		await assertUnitInScope(tx, scope, params.unitId);
		const candidates = await tx
			.select({
				id: table.juror.id,
				category: table.juror.category,
				employerUnitId: table.juror.employerUnitId
			})
			.from(table.juror)
			.where(
				and(
					eq(table.juror.roster, 'jury'),
					eq(table.juror.status, 'active'),
					scope === null ? undefined : inArray(table.juror.regionId, scope)
				)
			);
		const related = await tx
			.select({ jurorId: table.jurorRelation.jurorId })
			.from(table.jurorRelation)
			.where(inArray(table.jurorRelation.unitId, [...units]));
		const list = buildEligibleList(rule, candidates, {
			unitIds: units,
			relatedJurorIds: new Set(related.map((row) => row.jurorId)),
			recentlyDrawnIds: await recentlyDrawn(tx, params.recentDraws)
		});
		const plan = planQuotas({
			eligible: list.eligible,
			size: params.size,
			minShare: rule.minShare
		});
		if (!plan.ok) {
			const { failure } = plan;
			if (failure.code === 'invalid_request') throw new Error(failure.reason);
			throw new JuryError(failure.code, {
				needed: failure.needed,
				available: failure.available,
				size: params.size
			});
		}
		const seed = newSeed();
		const [row] = await tx
			.insert(table.draw)
			.values({
				unitId: params.unitId,
				size: params.size,
				recentDrawsExcluded: params.recentDraws,
				shareNum: rule.minShare.num,
				shareDen: rule.minShare.den,
				commitment: commitmentOf(seed),
				publicValueSource,
				eligible: list.eligible,
				excluded: list.excluded,
				createdBy: actor?.id ?? null
			})
			.returning();
		await tx.insert(table.drawSealedSeed).values({ drawId: row.id, seed });
		await recordAuditEvent(tx, {
			actor,
			action: 'jury.draw_commit',
			subjectType: 'draw',
			subjectId: row.id,
			details: {
				...params,
				publicValueSource,
				commitment: row.commitment,
				eligible: list.eligible.length,
				excluded: list.excluded,
				quotas: plan.quotas
			}
		});
		return row;
	});
}

/**
 * Step 2. The public value is the one published by the source declared at commitment (e.g. that
 * lottery draw's number): trimmed, required, at most `publicValueMax` characters.
 */
export async function revealDraw(
	db: Database,
	drawId: number,
	publicValue: string,
	actor: Actor
): Promise<Draw> {
	const value = requireText(parsePublicValue(publicValue), 'publicValue');
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(table.draw).where(eq(table.draw.id, drawId)).for('update');
		if (!row) throw new JuryError('not_found');
		if (row.status !== 'committed') throw new JuryError('already_revealed');
		const [sealed] = await tx
			.select()
			.from(table.drawSealedSeed)
			.where(eq(table.drawSealedSeed.drawId, drawId));
		const outcome = drawPanel(
			{
				eligible: row.eligible,
				size: row.size,
				minShare: { num: row.shareNum, den: row.shareDen }
			},
			sealed.seed,
			value
		);
		// The list was checked at commit and is frozen, so this only fails on a corrupted row.
		if (!outcome.ok)
			throw new Error(`draw ${drawId} cannot be recomputed: ${outcome.failure.code}`);
		const stratumOf = new Map(row.eligible.map((juror) => [juror.id, juror.stratum]));
		await tx.insert(table.drawMember).values(
			outcome.selected.map((jurorId, position) => ({
				drawId,
				jurorId,
				position,
				stratum: stratumOf.get(jurorId) ?? 'other'
			}))
		);
		const [revealed] = await tx
			.update(table.draw)
			.set({
				seed: sealed.seed,
				publicValue: value,
				selected: outcome.selected,
				status: 'revealed',
				revealedAt: new Date(),
				revealedBy: actor?.id ?? null
			})
			.where(eq(table.draw.id, drawId))
			.returning();
		await tx.delete(table.drawSealedSeed).where(eq(table.drawSealedSeed.drawId, drawId));
		await recordAuditEvent(tx, {
			actor,
			action: 'jury.draw_reveal',
			subjectType: 'draw',
			subjectId: drawId,
			details: { seed: sealed.seed, publicValue: value, selected: outcome.selected }
		});
		return revealed;
	});
}

/** Reads of draws: what the public pages, the staff pages and the CLI show. */
import { desc, eq, inArray } from 'drizzle-orm';
import { drawDocumentOf, type DrawDocument } from '$lib/domain/jury-draw-document';
import * as table from '$lib/server/db/schema';
import type { JuryScope } from './scope';
import type { Executor } from './types';

/** Everything public about a draw, as one document; never the sealed seed. */
export async function getDrawDocument(db: Executor, drawId: number): Promise<DrawDocument | null> {
	const [row] = await db
		.select({ draw: table.draw, unitName: table.unit.name })
		.from(table.draw)
		.innerJoin(table.unit, eq(table.unit.id, table.draw.unitId))
		.where(eq(table.draw.id, drawId));
	return row ? drawDocumentOf(row.draw, row.unitName) : null;
}

export interface DrawSummary {
	id: number;
	unitName: string;
	size: number;
	status: 'committed' | 'revealed';
	commitment: string;
	/** Declared at commitment; null for draws committed before it was required. */
	publicValueSource: string | null;
	createdAt: Date;
	revealedAt: Date | null;
}

/** The latest draws, only those for units inside the organizer's regions when scoped. */
export function listDraws(
	db: Executor,
	limit = 100,
	scope: JuryScope = null
): Promise<DrawSummary[]> {
	return db
		.select({
			id: table.draw.id,
			unitName: table.unit.name,
			size: table.draw.size,
			status: table.draw.status,
			commitment: table.draw.commitment,
			publicValueSource: table.draw.publicValueSource,
			createdAt: table.draw.createdAt,
			revealedAt: table.draw.revealedAt
		})
		.from(table.draw)
		.innerJoin(table.unit, eq(table.unit.id, table.draw.unitId))
		.where(scope === null ? undefined : inArray(table.unit.regionId, scope))
		.orderBy(desc(table.draw.id))
		.limit(limit);
}

/** The drawn members with names, for staff (the public page shows ids only). */
export function listDrawMembers(db: Executor, drawId: number) {
	return db
		.select({
			jurorId: table.drawMember.jurorId,
			position: table.drawMember.position,
			stratum: table.drawMember.stratum,
			name: table.juror.name,
			regionId: table.juror.regionId,
			userId: table.juror.userId
		})
		.from(table.drawMember)
		.innerJoin(table.juror, eq(table.juror.id, table.drawMember.jurorId))
		.where(eq(table.drawMember.drawId, drawId))
		.orderBy(table.drawMember.position);
}

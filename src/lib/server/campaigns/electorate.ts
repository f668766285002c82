import { asc, eq, sql } from 'drizzle-orm';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

export interface ElectorateMember {
	userId: number;
	name: string;
	tierId: number | null;
	/** How many subjects this member is recused from (回避), fixed at opening. */
	recusals: number;
}

export async function getElectorate(db: Executor, campaignId: number): Promise<ElectorateMember[]> {
	return db
		.select({
			userId: table.electorate.userId,
			name: table.appUser.displayName,
			tierId: table.electorate.tierId,
			recusals: sql<number>`cardinality(${table.electorate.recusedSubjectIds})::int`
		})
		.from(table.electorate)
		.innerJoin(table.appUser, eq(table.appUser.id, table.electorate.userId))
		.where(eq(table.electorate.campaignId, campaignId))
		.orderBy(asc(table.appUser.displayName));
}

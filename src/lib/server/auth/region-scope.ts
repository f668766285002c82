import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import type { AuthUser, Role } from './types';

/**
 * Which regions a user may see in the role they act in: null for everything (admin, or a grant
 * without a region), otherwise the granted regions and all regions below them (a district
 * organizer sees the district and its townships). An empty list means nothing at all. Pages filter
 * their queries by it: `scope === null || scope.includes(row.regionId)`.
 */
export async function regionScope(
	db: Pick<Database, 'execute'>,
	user: AuthUser | null,
	role: Role
): Promise<number[] | null> {
	if (!user || user.kind !== 'staff') return [];
	if (user.roles.some((grant) => grant.role === 'admin')) return null;
	const grants = user.roles.filter((grant) => grant.role === role);
	if (grants.some((grant) => grant.regionId === null)) return null;
	const roots = grants.map((grant) => grant.regionId as number);
	if (roots.length === 0) return [];
	const rows = rowsOf<{ id: number }>(
		await db.execute(sql`
			with recursive scope(id) as (
				select id from region where id in (${sql.join(
					roots.map((id) => sql`${id}`),
					sql`, `
				)})
				union
				select region.id from region join scope on region.parent_id = scope.id
			)
			select id from scope order by id`)
	);
	return rows.map((row) => Number(row.id));
}

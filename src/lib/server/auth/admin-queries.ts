import {
	and,
	asc,
	count,
	desc,
	eq,
	gt,
	gte,
	ilike,
	inArray,
	isNull,
	like,
	lt,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { containsPattern, escapeLike } from '$lib/server/db/like';
import * as table from '$lib/server/db/schema';
import type { Role } from './types';
import { countActiveSessions } from './users';

export interface AdminUserRow {
	id: number;
	kind: 'staff' | 'juror';
	email: string | null;
	displayName: string;
	disabled: boolean;
	roles: { id: number; role: Role; regionId: number | null; regionName: string | null }[];
	activeSessions: number;
}

type Reader = Pick<Database, 'select'>;

/** Which accounts the list shows: kind (staff, jurors) or one staff role. */
export type UserListRole = 'staff' | 'juror' | Role;

export interface UserListFilter {
	/** Part of the name or email, any case. */
	q?: string;
	role?: UserListRole;
	page?: number;
	pageSize?: number;
}

export interface UserPage {
	users: AdminUserRow[];
	total: number;
	page: number;
	pages: number;
}

function userConditions(filter: UserListFilter): SQL | undefined {
	const conditions: (SQL | undefined)[] = [];
	if (filter.q) {
		const pattern = containsPattern(filter.q);
		conditions.push(
			or(ilike(table.appUser.displayName, pattern), ilike(table.appUser.email, pattern))
		);
	}
	if (filter.role === 'staff' || filter.role === 'juror') {
		conditions.push(eq(table.appUser.kind, filter.role));
	} else if (filter.role) {
		conditions.push(
			sql`exists (select 1 from ${table.roleGrant} g where g.user_id = ${table.appUser.id} and g.role = ${filter.role})`
		);
	}
	return and(...conditions);
}

/**
 * One page of accounts matching the filter, with their grants and live session counts, staff
 * first, then by name. A jury of a thousand has a thousand juror accounts, so the list is never
 * read whole.
 */
export async function listUsersForAdmin(
	db: Reader,
	filter: UserListFilter = {},
	now = new Date()
): Promise<UserPage> {
	const pageSize = filter.pageSize ?? 50;
	const where = userConditions(filter);
	const [{ total }] = await db.select({ total: count() }).from(table.appUser).where(where);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, filter.page ?? 1), pages);
	const users = await db
		.select({
			id: table.appUser.id,
			kind: table.appUser.kind,
			email: table.appUser.email,
			displayName: table.appUser.displayName,
			disabledAt: table.appUser.disabledAt
		})
		.from(table.appUser)
		.where(where)
		.orderBy(asc(table.appUser.kind), asc(table.appUser.displayName), asc(table.appUser.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	const ids = users.map((user) => user.id);
	const [grants, sessions] = await Promise.all([
		ids.length === 0 ? Promise.resolve([]) : selectGrants(db, ids),
		countActiveSessions(db, ids, now)
	]);
	return {
		users: users.map(({ disabledAt, ...user }) => ({
			...user,
			disabled: disabledAt !== null,
			roles: grants.filter((grant) => grant.userId === user.id),
			activeSessions: sessions.get(user.id) ?? 0
		})),
		total,
		page,
		pages
	};
}

export async function getUserForAdmin(
	db: Reader,
	userId: number,
	now = new Date()
): Promise<AdminUserRow | null> {
	const [user] = await db
		.select({
			id: table.appUser.id,
			kind: table.appUser.kind,
			email: table.appUser.email,
			displayName: table.appUser.displayName,
			disabledAt: table.appUser.disabledAt
		})
		.from(table.appUser)
		.where(eq(table.appUser.id, userId));
	if (!user) return null;
	const [grants, [sessions]] = await Promise.all([
		selectGrants(db, [userId]),
		db
			.select({ n: count() })
			.from(table.session)
			.where(and(eq(table.session.userId, userId), gt(table.session.expiresAt, now)))
	]);
	const { disabledAt, ...rest } = user;
	return {
		...rest,
		disabled: disabledAt !== null,
		roles: grants,
		activeSessions: sessions?.n ?? 0
	};
}

function selectGrants(db: Reader, userIds: number[]) {
	return db
		.select({
			id: table.roleGrant.id,
			userId: table.roleGrant.userId,
			role: table.roleGrant.role,
			regionId: table.roleGrant.regionId,
			regionName: table.region.name
		})
		.from(table.roleGrant)
		.leftJoin(table.region, eq(table.region.id, table.roleGrant.regionId))
		.where(inArray(table.roleGrant.userId, userIds))
		.orderBy(asc(table.roleGrant.role), asc(table.roleGrant.id));
}

export interface RegionOption {
	id: number;
	name: string;
	level: string;
}

/** Regions a grant may be limited to: the live ones, top of the tree first. */
export async function listRegionOptions(db: Reader): Promise<RegionOption[]> {
	return db
		.select({ id: table.region.id, name: table.region.name, level: table.region.level })
		.from(table.region)
		.where(isNull(table.region.archivedAt))
		.orderBy(asc(table.region.level), asc(table.region.code));
}

export interface AuditPage {
	events: (typeof table.auditEvent.$inferSelect)[];
	total: number;
	page: number;
	pages: number;
}

export interface AuditFilter {
	/** Part of the actor's label (email or name), any case. */
	actor?: string;
	/** An action key, or an area's prefix ending in a dot ("auth."). */
	action?: string;
	subjectType?: string;
	subjectId?: string;
	/** Events at or after this instant. */
	from?: Date;
	/** Events before this instant. */
	until?: Date;
}

function auditConditions(filter: AuditFilter): SQL | undefined {
	const e = table.auditEvent;
	return and(
		filter.actor ? ilike(e.actorLabel, containsPattern(filter.actor)) : undefined,
		filter.action?.endsWith('.')
			? like(e.action, `${escapeLike(filter.action)}%`)
			: filter.action
				? eq(e.action, filter.action)
				: undefined,
		filter.subjectType ? eq(e.subjectType, filter.subjectType) : undefined,
		filter.subjectId ? eq(e.subjectId, filter.subjectId) : undefined,
		filter.from ? gte(e.occurredAt, filter.from) : undefined,
		filter.until ? lt(e.occurredAt, filter.until) : undefined
	);
}

/** One page of the audit trail matching the filter, newest first. */
export async function listAuditEvents(
	db: Reader,
	page: number,
	pageSize = 50,
	filter: AuditFilter = {}
): Promise<AuditPage> {
	const where = auditConditions(filter);
	const [{ total }] = await db.select({ total: count() }).from(table.auditEvent).where(where);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, page), pages);
	const events = await db
		.select()
		.from(table.auditEvent)
		.where(where)
		.orderBy(desc(table.auditEvent.seq))
		.limit(pageSize)
		.offset((current - 1) * pageSize);
	return { events, total, page: current, pages };
}

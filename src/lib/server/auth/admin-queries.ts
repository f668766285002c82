import { and, asc, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
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

/** Every account with its grants and live session count, staff first, then by name. */
export async function listUsersForAdmin(db: Reader, now = new Date()): Promise<AdminUserRow[]> {
	const [users, grants] = await Promise.all([
		db
			.select({
				id: table.appUser.id,
				kind: table.appUser.kind,
				email: table.appUser.email,
				displayName: table.appUser.displayName,
				disabledAt: table.appUser.disabledAt
			})
			.from(table.appUser)
			.orderBy(asc(table.appUser.kind), asc(table.appUser.displayName), asc(table.appUser.id)),
		selectGrants(db)
	]);
	const sessions = await countActiveSessions(
		db,
		users.map((user) => user.id),
		now
	);
	return users.map(({ disabledAt, ...user }) => ({
		...user,
		disabled: disabledAt !== null,
		roles: grants.filter((grant) => grant.userId === user.id),
		activeSessions: sessions.get(user.id) ?? 0
	}));
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
		selectGrants(db, userId),
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

function selectGrants(db: Reader, userId?: number) {
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
		.where(userId === undefined ? undefined : eq(table.roleGrant.userId, userId))
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

/** One page of the audit trail, newest first. */
export async function listAuditEvents(db: Reader, page: number, pageSize = 50): Promise<AuditPage> {
	const [{ total }] = await db.select({ total: count() }).from(table.auditEvent);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, page), pages);
	const events = await db
		.select()
		.from(table.auditEvent)
		.orderBy(desc(table.auditEvent.seq))
		.limit(pageSize)
		.offset((current - 1) * pageSize);
	return { events, total, page: current, pages };
}

import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { AuthUser, Role, RoleGrant } from './types';

/** The database or an open transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function loadRoleGrants(db: Executor, userId: number): Promise<RoleGrant[]> {
	return db
		.select({ role: table.roleGrant.role, regionId: table.roleGrant.regionId })
		.from(table.roleGrant)
		.where(eq(table.roleGrant.userId, userId))
		.orderBy(asc(table.roleGrant.role), asc(table.roleGrant.regionId));
}

export interface StaffCredentials {
	id: number;
	email: string;
	displayName: string;
	passwordHash: string | null;
	disabledAt: Date | null;
}

export async function findStaffByEmail(
	db: Executor,
	email: string
): Promise<StaffCredentials | null> {
	const [row] = await db
		.select({
			id: table.appUser.id,
			email: table.appUser.email,
			displayName: table.appUser.displayName,
			passwordHash: table.appUser.passwordHash,
			disabledAt: table.appUser.disabledAt
		})
		.from(table.appUser)
		.where(and(eq(table.appUser.email, normalizeEmail(email)), eq(table.appUser.kind, 'staff')));
	return row ? { ...row, email: row.email ?? '' } : null;
}

export async function getAuthUser(db: Executor, userId: number): Promise<AuthUser | null> {
	const [row] = await db
		.select({
			id: table.appUser.id,
			email: table.appUser.email,
			displayName: table.appUser.displayName,
			kind: table.appUser.kind
		})
		.from(table.appUser)
		.where(and(eq(table.appUser.id, userId), isNull(table.appUser.disabledAt)));
	if (!row) return null;
	return { ...row, roles: await loadRoleGrants(db, userId) };
}

/** Creates a staff account; null when the email is taken. */
export async function insertStaffUser(
	db: Executor,
	input: { email: string; displayName: string; passwordHash: string }
): Promise<number | null> {
	const [row] = await db
		.insert(table.appUser)
		.values({ kind: 'staff', ...input, email: normalizeEmail(input.email) })
		.onConflictDoNothing({ target: table.appUser.email })
		.returning({ id: table.appUser.id });
	return row?.id ?? null;
}

/** Creates a juror account: no password, signs in only with invitation codes. */
export async function insertJurorUser(
	db: Executor,
	input: { displayName: string; email?: string | null }
): Promise<number> {
	const [row] = await db
		.insert(table.appUser)
		.values({
			kind: 'juror',
			displayName: input.displayName,
			email: input.email ? normalizeEmail(input.email) : null
		})
		.returning({ id: table.appUser.id });
	return row.id;
}

/** Adds a grant; false when the user already holds exactly this one. */
export async function insertRoleGrant(
	db: Executor,
	userId: number,
	grant: RoleGrant
): Promise<boolean> {
	const rows = await db
		.insert(table.roleGrant)
		.values({ userId, role: grant.role, regionId: grant.regionId })
		.onConflictDoNothing()
		.returning({ id: table.roleGrant.id });
	return rows.length > 0;
}

export async function deleteRoleGrant(
	db: Executor,
	grantId: number
): Promise<{ userId: number; role: Role; regionId: number | null } | null> {
	const [row] = await db.delete(table.roleGrant).where(eq(table.roleGrant.id, grantId)).returning({
		userId: table.roleGrant.userId,
		role: table.roleGrant.role,
		regionId: table.roleGrant.regionId
	});
	return row ?? null;
}

export async function setUserDisabled(
	db: Executor,
	userId: number,
	disabledAt: Date | null
): Promise<boolean> {
	const rows = await db
		.update(table.appUser)
		.set({ disabledAt })
		.where(eq(table.appUser.id, userId))
		.returning({ id: table.appUser.id });
	return rows.length > 0;
}

export async function updatePasswordHash(
	db: Executor,
	userId: number,
	passwordHash: string
): Promise<void> {
	await db
		.update(table.appUser)
		.set({ passwordHash })
		.where(and(eq(table.appUser.id, userId), eq(table.appUser.kind, 'staff')));
}

export async function getPasswordHash(db: Executor, userId: number): Promise<string | null> {
	const [row] = await db
		.select({ passwordHash: table.appUser.passwordHash })
		.from(table.appUser)
		.where(eq(table.appUser.id, userId));
	return row?.passwordHash ?? null;
}

/** Is there any enabled account holding the admin role? */
export async function hasActiveAdmin(db: Executor): Promise<boolean> {
	const [row] = await db
		.select({ n: count() })
		.from(table.roleGrant)
		.innerJoin(table.appUser, eq(table.appUser.id, table.roleGrant.userId))
		.where(and(eq(table.roleGrant.role, 'admin'), isNull(table.appUser.disabledAt)));
	return (row?.n ?? 0) > 0;
}

/** How many unexpired sessions each of these users has. */
export async function countActiveSessions(
	db: Pick<Executor, 'select'>,
	userIds: number[],
	now: Date
): Promise<Map<number, number>> {
	if (userIds.length === 0) return new Map();
	const rows = await db
		.select({ userId: table.session.userId, n: count() })
		.from(table.session)
		.where(and(inArray(table.session.userId, userIds), gt(table.session.expiresAt, now)))
		.groupBy(table.session.userId);
	return new Map(rows.map((row) => [row.userId, row.n]));
}

import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { hashPassword, verifyPassword } from './password';
import { invalidateUserSessions } from './session';
import type { RoleGrant } from './types';
import {
	deleteRoleGrant,
	getPasswordHash,
	insertJurorUser,
	insertRoleGrant,
	insertStaffUser,
	setUserDisabled,
	updatePasswordHash
} from './users';
import type { NewUser } from './validate';

/** Who did it, as the audit trail records it. */
export type Actor = { id: number; label: string } | null;

type Outcome<Reason extends string, T = object> =
	({ ok: true } & T) | { ok: false; reason: Reason };

export async function createUser(
	db: Database,
	actor: Actor,
	input: NewUser
): Promise<Outcome<'email_taken', { id: number }>> {
	// Hash before the transaction: argon2 takes tens of milliseconds and holds no lock.
	const passwordHash = input.kind === 'staff' ? await hashPassword(input.password) : null;
	return db.transaction(async (tx) => {
		const id =
			input.kind === 'staff'
				? await insertStaffUser(tx, { ...input, passwordHash: passwordHash as string })
				: await insertJurorUser(tx, input);
		if (id === null) return { ok: false, reason: 'email_taken' } as const;
		await recordAuditEvent(tx, {
			actor,
			action: 'auth.user_create',
			subjectType: 'user',
			subjectId: id,
			details: { kind: input.kind, email: input.kind === 'staff' ? input.email : null }
		});
		return { ok: true, id } as const;
	});
}

export async function grantRole(
	db: Database,
	actor: Actor,
	userId: number,
	grant: RoleGrant
): Promise<Outcome<'not_found' | 'not_staff' | 'no_region' | 'exists'>> {
	return db.transaction(async (tx) => {
		const [user] = await tx
			.select({ kind: table.appUser.kind })
			.from(table.appUser)
			.where(eq(table.appUser.id, userId));
		if (!user) return { ok: false, reason: 'not_found' } as const;
		if (user.kind !== 'staff') return { ok: false, reason: 'not_staff' } as const;
		if (grant.regionId !== null) {
			const [region] = await tx
				.select({ id: table.region.id })
				.from(table.region)
				.where(eq(table.region.id, grant.regionId));
			if (!region) return { ok: false, reason: 'no_region' } as const;
		}
		if (!(await insertRoleGrant(tx, userId, grant)))
			return { ok: false, reason: 'exists' } as const;
		await recordAuditEvent(tx, {
			actor,
			action: 'auth.role_grant',
			subjectType: 'user',
			subjectId: userId,
			details: { role: grant.role, regionId: grant.regionId }
		});
		return { ok: true } as const;
	});
}

export async function revokeRole(
	db: Database,
	actor: Actor,
	grantId: number,
	userId?: number
): Promise<Outcome<'not_found' | 'last_admin'>> {
	return db.transaction(async (tx) => {
		const [target] = await tx
			.select({ role: table.roleGrant.role, userId: table.roleGrant.userId })
			.from(table.roleGrant)
			.where(eq(table.roleGrant.id, grantId));
		// When given, the grant must belong to this user (a page about one user).
		if (!target || (userId !== undefined && target.userId !== userId)) {
			return { ok: false, reason: 'not_found' } as const;
		}
		if (target.role === 'admin' && (await countOtherActiveAdmins(tx, grantId)) === 0) {
			return { ok: false, reason: 'last_admin' } as const;
		}
		const removed = await deleteRoleGrant(tx, grantId);
		if (!removed) return { ok: false, reason: 'not_found' } as const;
		await recordAuditEvent(tx, {
			actor,
			action: 'auth.role_revoke',
			subjectType: 'user',
			subjectId: removed.userId,
			details: { role: removed.role, regionId: removed.regionId }
		});
		return { ok: true } as const;
	});
}

async function countOtherActiveAdmins(tx: Pick<Database, 'select'>, grantId: number) {
	const [row] = await tx
		.select({ n: count() })
		.from(table.roleGrant)
		.innerJoin(table.appUser, eq(table.appUser.id, table.roleGrant.userId))
		.where(
			and(
				eq(table.roleGrant.role, 'admin'),
				ne(table.roleGrant.id, grantId),
				isNull(table.appUser.disabledAt)
			)
		);
	return row?.n ?? 0;
}

/** Disabling also ends every session, so it takes effect at once, not at the next expiry. */
export async function setDisabled(
	db: Database,
	actor: Actor,
	userId: number,
	disabled: boolean
): Promise<boolean> {
	return db.transaction(async (tx) => {
		if (!(await setUserDisabled(tx, userId, disabled ? new Date() : null))) return false;
		const ended = disabled ? await invalidateUserSessions(tx, userId) : 0;
		await recordAuditEvent(tx, {
			actor,
			action: disabled ? 'auth.user_disable' : 'auth.user_enable',
			subjectType: 'user',
			subjectId: userId,
			details: disabled ? { sessionsEnded: ended } : {}
		});
		return true;
	});
}

export async function endAllSessions(db: Database, actor: Actor, userId: number): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await invalidateUserSessions(tx, userId);
		await recordAuditEvent(tx, {
			actor,
			action: 'auth.sessions_revoke',
			subjectType: 'user',
			subjectId: userId,
			details: { sessionsEnded: ended }
		});
		return ended;
	});
}

/**
 * Changes a staff password after checking the current one, and signs the account out everywhere
 * except this browser: whoever knew the old password must not stay signed in with it.
 */
export async function changePassword(
	db: Database,
	input: { actor: { id: number; label: string }; sessionId: string; current: string; next: string }
): Promise<Outcome<'wrong_current' | 'not_staff'>> {
	const stored = await getPasswordHash(db, input.actor.id);
	if (!stored) return { ok: false, reason: 'not_staff' };
	if (!(await verifyPassword(stored, input.current))) return { ok: false, reason: 'wrong_current' };
	const passwordHash = await hashPassword(input.next);
	await db.transaction(async (tx) => {
		await updatePasswordHash(tx, input.actor.id, passwordHash);
		const ended = await invalidateUserSessions(tx, input.actor.id, input.sessionId);
		await recordAuditEvent(tx, {
			actor: input.actor,
			action: 'auth.password_change',
			subjectType: 'user',
			subjectId: input.actor.id,
			details: { otherSessionsEnded: ended }
		});
	});
	return { ok: true };
}

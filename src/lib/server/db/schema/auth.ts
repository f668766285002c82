import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	text,
	timestamp,
	unique,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { region } from './reference';

/** Staff sign in with email and password; jurors only with a one-time invitation code. */
export const userKind = pgEnum('user_kind', ['staff', 'juror']);
/** Staff roles; see src/lib/server/auth/types.ts for what each may do. */
export const staffRole = pgEnum('staff_role', ['admin', 'organizer', 'leader', 'auditor']);

export const appUser = pgTable(
	'app_user',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		kind: userKind('kind').notNull(),
		// Stored lower-cased so the unique index matches how people type it. Jurors may have none.
		email: text('email'),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash'),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('app_user_email_key').on(t.email),
		check('app_user_staff_has_email', sql`${t.kind} = 'juror' or ${t.email} is not null`),
		// A juror never signs in with a password, so a hash on a juror row would be a back door.
		check('app_user_juror_no_password', sql`${t.kind} = 'staff' or ${t.passwordHash} is null`)
	]
);

export const roleGrant = pgTable(
	'role_grant',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id, { onDelete: 'cascade' }),
		role: staffRole('role').notNull(),
		// null: the whole installation; otherwise this region and every region below it.
		regionId: integer('region_id').references(() => region.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// NULLS NOT DISTINCT: one installation-wide grant per role, not any number of them.
		unique('role_grant_user_role_region_key').on(t.userId, t.role, t.regionId).nullsNotDistinct(),
		index('role_grant_region_idx').on(t.regionId),
		// Admin manages users and roles everywhere; a regional admin would be a contradiction.
		check('role_grant_admin_everywhere', sql`${t.role} <> 'admin' or ${t.regionId} is null`)
	]
);

/** A signed-in browser. The id is the SHA-256 (hex) of the cookie's token; the token is never stored. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
		// Slides forward with use (inactivity timeout), never past absoluteExpiresAt.
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId), index('session_expires_idx').on(t.expiresAt)]
);

/** A short one-time code printed on a juror's card; only its SHA-256 (hex) is kept. */
export const invitationCode = pgTable(
	'invitation_code',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		codeHash: text('code_hash').notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdBy: integer('created_by').references((): AnyPgColumn => appUser.id, {
			onDelete: 'set null'
		}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('invitation_code_hash_key').on(t.codeHash),
		index('invitation_code_user_idx').on(t.userId)
	]
);

export type AppUser = typeof appUser.$inferSelect;
export type NewAppUser = typeof appUser.$inferInsert;
export type RoleGrantRow = typeof roleGrant.$inferSelect;
export type SessionRow = typeof session.$inferSelect;
export type InvitationCodeRow = typeof invitationCode.$inferSelect;
export type UserKind = (typeof userKind.enumValues)[number];

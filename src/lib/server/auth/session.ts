import type { RequestEvent } from '@sveltejs/kit';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { Gather, groupKeys } from '$lib/server/db/gather';
import { asDate, asDateOrNull, rawExecutor } from '$lib/server/db/raw';
import * as table from '$lib/server/db/schema';
import {
	checkSession,
	hashToken,
	isWellFormedToken,
	newSessionTimes,
	sessionPolicies,
	sessionIdMatches
} from './token';
import type { AuthSession, AuthUser, RoleGrant } from './types';
import type { Executor } from './users';

export const sessionCookieName = 'minping_session';

export type SessionValidationResult =
	| {
			session: AuthSession;
			user: AuthUser;
			renewed: boolean;
			/** Asked for with `listOf`: the user's entry on that campaign's named list. */
			listEntry?: ListEntry;
	  }
	| { session: null; user: null; renewed: false };

const none: SessionValidationResult = { session: null, user: null, renewed: false };

/** Stores a new session for the token (only its hash) and returns it. */
export async function createSession(
	db: Executor,
	token: string,
	user: { id: number; kind: 'staff' | 'juror' },
	now = new Date()
): Promise<AuthSession> {
	const times = newSessionTimes(sessionPolicies[user.kind], now);
	const id = hashToken(token);
	await db.insert(table.session).values({ id, userId: user.id, ...times });
	return { id, userId: user.id, expiresAt: times.expiresAt };
}

/**
 * One query for a session, its user and the user's roles: every signed-in request (and every
 * juror's ballot) starts here. Sessions asked for in the same turn of the event loop are read
 * together (Gather), so a burst of ballots costs one such query per turn, not one per ballot; the
 * statement's text is fixed, so the driver prepares it once (db/raw.ts).
 *
 * A juror's ballot also needs to know whether the user is on the campaign's named list: asked for
 * with `listOf`, the same statement reads that entry too (one round trip per ballot, not two).
 */
async function readSessions(db: Database, listOf: number | null, ids: string[]) {
	const rows = await rawExecutor(db).query<RawSessionRow>(sessionsById, [ids, listOf]);
	return new Map(
		rows.map((row): [string, SessionRow] => [
			lookupKey(listOf, row.id),
			{
				session: {
					id: row.id,
					userId: row.user_id,
					createdAt: asDate(row.created_at),
					lastUsedAt: asDate(row.last_used_at),
					expiresAt: asDate(row.expires_at),
					absoluteExpiresAt: asDate(row.absolute_expires_at)
				},
				kind: row.kind,
				email: row.email,
				displayName: row.display_name,
				disabledAt: asDateOrNull(row.disabled_at),
				roles: row.roles,
				listEntry: row.on_list
					? { tierId: row.list_tier_id, recused: row.list_recused ?? [] }
					: null
			}
		])
	);
}

const sessionsById = `
	select s.id, s.user_id, s.created_at, s.last_used_at, s.expires_at, s.absolute_expires_at,
		u.kind, u.email, u.display_name, u.disabled_at,
		coalesce((
			select json_agg(json_build_object('role', g.role, 'regionId', g.region_id)
				order by g.role, g.region_id)
			from role_grant g where g.user_id = u.id), '[]'::json) as roles,
		e.user_id is not null as on_list, e.tier_id as list_tier_id,
		e.recused_subject_ids as list_recused
	from session s join app_user u on u.id = s.user_id
		left join electorate e on e.campaign_id = $2::int and e.user_id = s.user_id
	where s.id = any($1::text[])`;

interface RawSessionRow {
	id: string;
	user_id: number;
	created_at: unknown;
	last_used_at: unknown;
	expires_at: unknown;
	absolute_expires_at: unknown;
	kind: table.UserKind;
	email: string | null;
	display_name: string;
	disabled_at: unknown;
	roles: unknown;
	on_list: boolean;
	list_tier_id: number | null;
	list_recused: number[] | null;
	[column: string]: unknown;
}

/**
 * The user's entry on a campaign's named list (their tier, the subjects they are recused from),
 * or null when not on it.
 */
export type ListEntry = { tierId: number | null; recused: number[] } | null;

interface SessionRow {
	session: table.SessionRow;
	kind: table.UserKind;
	email: string | null;
	displayName: string;
	disabledAt: Date | null;
	roles: unknown;
	listEntry: ListEntry;
}

/** Gather key: the session's id, with the campaign whose list is asked about (if any). */
function lookupKey(listOf: number | null, sessionId: string): string {
	return `${listOf ?? ''}:${sessionId}`;
}

const sessionLookups = new WeakMap<Database, Gather<string, SessionRow>>();

function sessionRows(db: Database): Gather<string, SessionRow> {
	let gather = sessionLookups.get(db);
	if (!gather) {
		// One query per campaign asked about in the turn (nearly always one, or none).
		gather = new Gather(async (keys) => {
			const found = new Map<string, SessionRow>();
			for (const [list, ids] of groupKeys(keys))
				for (const entry of await readSessions(db, list === '' ? null : Number(list), ids))
					found.set(...entry);
			return found;
		});
		sessionLookups.set(db, gather);
	}
	return gather;
}

/**
 * The lucia-auth.com validation: hash the token, find the session, refuse it when expired (and
 * delete it), slide its inactivity deadline when due, and load its user. A disabled user's sessions
 * die here too, so disabling takes effect on the next request. With `listOf` (a campaign's id), the
 * answer also says whether the user is on that campaign's named list, read in the same statement.
 */
export async function validateSessionToken(
	db: Database,
	token: string,
	now = new Date(),
	listOf: number | null = null
): Promise<SessionValidationResult> {
	if (!isWellFormedToken(token)) return none;
	const id = hashToken(token);
	const row = await sessionRows(db).load(lookupKey(listOf, id));
	if (!row || !sessionIdMatches(id, row.session.id)) return none;

	const check = checkSession(row.session, sessionPolicies[row.kind], now);
	// A disabled user's sessions die on their next request.
	if (check.state === 'expired' || row.disabledAt !== null) {
		await invalidateSession(db, id);
		return none;
	}
	const user: AuthUser = {
		id: row.session.userId,
		email: row.email,
		displayName: row.displayName,
		kind: row.kind,
		roles: parseRoles(row.roles)
	};
	let expiresAt = row.session.expiresAt;
	if (check.state === 'renew') {
		await db
			.update(table.session)
			.set({ lastUsedAt: check.lastUsedAt, expiresAt: check.expiresAt })
			.where(eq(table.session.id, id));
		expiresAt = check.expiresAt;
	}
	return {
		session: { id, userId: user.id, expiresAt },
		user,
		renewed: check.state === 'renew',
		...(listOf === null ? {} : { listEntry: row.listEntry })
	};
}

/** The roles column as both drivers return it: parsed JSON (postgres.js, PGlite) or its text. */
function parseRoles(value: unknown): RoleGrant[] {
	const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	return Array.isArray(list) ? (list as RoleGrant[]) : [];
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.delete(table.session).where(eq(table.session.id, sessionId));
}

/** Ends every session of a user, except optionally the one making the request; returns how many. */
export async function invalidateUserSessions(
	db: Executor,
	userId: number,
	exceptSessionId?: string
): Promise<number> {
	const rows = await db
		.delete(table.session)
		.where(
			exceptSessionId
				? and(eq(table.session.userId, userId), ne(table.session.id, exceptSessionId))
				: eq(table.session.userId, userId)
		)
		.returning({ id: table.session.id });
	return rows.length;
}

/** Housekeeping: sessions past either deadline are useless rows. */
export async function deleteExpiredSessions(db: Executor, now = new Date()): Promise<void> {
	await db
		.delete(table.session)
		.where(or(lt(table.session.expiresAt, now), lt(table.session.absoluteExpiresAt, now)));
}

type CookieEvent = Pick<RequestEvent, 'cookies' | 'url'>;

export function setSessionTokenCookie(event: CookieEvent, token: string, expiresAt: Date): void {
	event.cookies.set(sessionCookieName, token, {
		httpOnly: true,
		sameSite: 'lax',
		// Plain http only on a developer's machine or behind a proxy that terminates TLS.
		secure: event.url.protocol === 'https:',
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionTokenCookie(event: CookieEvent): void {
	event.cookies.set(sessionCookieName, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 0,
		path: '/'
	});
}

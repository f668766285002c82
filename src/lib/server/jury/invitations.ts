/**
 * Sign-in codes for jurors (the Accounts issue's one-time codes), issued per juror or for a whole
 * drawn sub-panel. A juror gets an `app_user` account of kind 'juror' the first time a code is
 * issued; the link is kept on `juror.user_id`.
 */
import { and, asc, count, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import {
	invitationLink,
	invitationQrDataUrl,
	issueInvitationCode,
	type IssuedCode
} from '$lib/server/auth/invitation';
import { insertJurorUser } from '$lib/server/auth/users';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { RosterKind } from '$lib/server/db/schema';
import type { JuryScope } from './scope';
import { JuryError, type Actor, type Executor } from './types';

/** Codes stay valid for 30 days: long enough to reach an elderly juror by post or in person. */
const CODE_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export interface JurorCode extends IssuedCode {
	jurorId: number;
	name: string;
	/** How many earlier unused codes of this juror the new one replaced (revoked). */
	revoked: number;
}

/**
 * Revokes every code of a juror account that could still sign in (unused, not revoked, not
 * expired), each with its own audit event. Issuing a new card calls it first: a juror has one
 * working card at a time, so a lost or stolen card stops working the moment a new one is printed.
 */
export async function revokeLiveCodes(
	tx: Executor,
	userId: number,
	actor: Actor,
	now = new Date()
): Promise<number> {
	const revoked = await tx
		.update(table.invitationCode)
		.set({ revokedAt: now })
		.where(
			and(
				eq(table.invitationCode.userId, userId),
				isNull(table.invitationCode.usedAt),
				isNull(table.invitationCode.revokedAt),
				gt(table.invitationCode.expiresAt, now)
			)
		)
		.returning({ id: table.invitationCode.id });
	for (const row of revoked) {
		await recordAuditEvent(tx, {
			actor,
			action: 'auth.code_revoke',
			subjectType: 'user',
			subjectId: userId,
			details: { codeId: row.id, reason: 'reissued' }
		});
	}
	return revoked.length;
}

async function issueFor(tx: Executor, jurorId: number, actor: Actor): Promise<JurorCode> {
	// The row lock makes two simultaneous issues for one juror take turns, so the second one
	// revokes the first one's code and the juror still ends up with one working card.
	const [juror] = await tx
		.select({
			id: table.juror.id,
			name: table.juror.name,
			status: table.juror.status,
			userId: table.juror.userId
		})
		.from(table.juror)
		.where(eq(table.juror.id, jurorId))
		.for('update');
	if (!juror) throw new JuryError('not_found');
	if (juror.status !== 'active') throw new JuryError('wrong_status', { status: juror.status });
	if (juror.userId !== null && (await isDisabled(tx, juror.userId))) {
		throw new JuryError('account_disabled');
	}
	let userId = juror.userId;
	if (userId === null) {
		userId = await insertJurorUser(tx, { displayName: juror.name });
		await tx.update(table.juror).set({ userId }).where(eq(table.juror.id, jurorId));
	}
	const revoked = await revokeLiveCodes(tx, userId, actor);
	const issued = await issueInvitationCode(tx, {
		userId,
		expiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
		createdBy: actor
	});
	return { ...issued, jurorId, name: juror.name, revoked };
}

export function issueJurorCode(db: Database, jurorId: number, actor: Actor): Promise<JurorCode> {
	return db.transaction((tx) => issueFor(tx, jurorId, actor));
}

/**
 * One code per active member of a revealed draw, in one transaction. Members who left the roster
 * since the draw (or whose account an administrator disabled) are skipped rather than blocking
 * the rest of the panel. Each member's earlier unused codes are revoked (see revokeLiveCodes).
 */
export async function issuePanelCodes(
	db: Database,
	drawId: number,
	actor: Actor
): Promise<JurorCode[]> {
	return db.transaction(async (tx) => {
		const members = await tx
			.select({ jurorId: table.drawMember.jurorId })
			.from(table.drawMember)
			.innerJoin(table.juror, eq(table.juror.id, table.drawMember.jurorId))
			.where(
				and(
					eq(table.drawMember.drawId, drawId),
					eq(table.juror.status, 'active'),
					sql`not exists (select 1 from ${table.appUser} u where u.id = ${table.juror.userId} and u.disabled_at is not null)`
				)
			)
			.orderBy(table.drawMember.position);
		if (members.length === 0) throw new JuryError('not_found');
		const codes: JurorCode[] = [];
		for (const member of members) codes.push(await issueFor(tx, member.jurorId, actor));
		return codes;
	});
}

async function isDisabled(tx: Executor, userId: number): Promise<boolean> {
	const [user] = await tx
		.select({ disabledAt: table.appUser.disabledAt })
		.from(table.appUser)
		.where(eq(table.appUser.id, userId));
	return user?.disabledAt != null;
}

/** At most this many cards per bulk round: one printable response, a few seconds of work. */
export const ROSTER_CODES_BATCH = 200;

/**
 * Active members who could not sign in with a card today: no code that is unused, unrevoked and
 * unexpired. Members whose account an administrator disabled are left out (a code would not work).
 */
function withoutLiveCode(roster: RosterKind, scope: JuryScope, now: Date): SQL | undefined {
	return and(
		eq(table.juror.roster, roster),
		eq(table.juror.status, 'active'),
		scope === null
			? undefined
			: scope.length === 0
				? sql`false`
				: inArray(table.juror.regionId, scope),
		sql`not exists (select 1 from ${table.invitationCode} c where c.user_id = ${table.juror.userId} and c.used_at is null and c.revoked_at is null and c.expires_at > ${now.toISOString()}::timestamptz)`,
		sql`not exists (select 1 from ${table.appUser} u where u.id = ${table.juror.userId} and u.disabled_at is not null)`
	);
}

/** How many active members of the roster (in the organizer's regions) have no working code. */
export async function countWithoutLiveCode(
	db: Executor,
	roster: RosterKind,
	scope: JuryScope,
	now = new Date()
): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(table.juror)
		.where(withoutLiveCode(roster, scope, now));
	return row?.n ?? 0;
}

/**
 * One code for each active member (lowest ids first, at most `limit`) who has no working code yet,
 * in one transaction: a whole-jury campaign is prepared in a few rounds rather than a click per
 * juror. Members who already hold a working card are left alone, so pressing again never
 * invalidates cards already handed out. Returns the codes and how many members still have none.
 */
export async function issueRosterCodes(
	db: Database,
	input: { roster: RosterKind; scope: JuryScope; limit?: number },
	actor: Actor
): Promise<{ codes: JurorCode[]; remaining: number }> {
	return db.transaction(async (tx) => {
		const now = new Date();
		const members = await tx
			.select({ id: table.juror.id })
			.from(table.juror)
			.where(withoutLiveCode(input.roster, input.scope, now))
			.orderBy(asc(table.juror.id))
			.limit(input.limit ?? ROSTER_CODES_BATCH);
		const codes: JurorCode[] = [];
		for (const member of members) codes.push(await issueFor(tx, member.id, actor));
		const remaining = await countWithoutLiveCode(tx, input.roster, input.scope);
		return { codes, remaining };
	});
}

/** Declares that a juror must not evaluate a unit (family there, former employer, ...). */
export async function addJurorRelation(
	db: Executor,
	input: { jurorId: number; unitId: number; note: string | null }
): Promise<void> {
	const [unit] = await db
		.select({ id: table.unit.id })
		.from(table.unit)
		.where(eq(table.unit.id, input.unitId));
	if (!unit) throw new JuryError('unknown_unit');
	await db.insert(table.jurorRelation).values(input).onConflictDoNothing();
}

export interface CodeCard {
	name: string;
	code: string;
	expires: string;
	/** PNG data URL of a QR code that opens the sign-in page with the code filled in. */
	qr: string;
}

/** What a printed card shows; made for the one response that displays the plain codes. */
export function toCodeCards(codes: JurorCode[], origin: string): Promise<CodeCard[]> {
	return Promise.all(
		codes.map(async (code) => ({
			name: code.name,
			code: code.code,
			expires: code.expiresAt.toISOString().slice(0, 10),
			qr: await invitationQrDataUrl(invitationLink(origin, code.code))
		}))
	);
}

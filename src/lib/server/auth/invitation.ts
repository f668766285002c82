import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import {
	formatInvitationCode,
	generateInvitationCode,
	normalizeInvitationCode
} from './invitation-format';
import { createSession } from './session';
import { generateSessionToken, hashToken } from './token';
import type { AuthSession } from './types';

type Actor = { id: number; label: string } | null;

export interface IssuedCode {
	id: number;
	/** The plain code, XXXX-XXXX. Shown once; only its hash is stored. */
	code: string;
	expiresAt: Date;
}

/**
 * Issues a one-time sign-in code for a juror account and returns it in plain text this one time.
 * Runs in the caller's transaction when given one, so a per-panel issuance commits all or nothing.
 */
export async function issueInvitationCode(
	db: Pick<Database, 'select' | 'insert' | 'execute'>,
	input: { userId: number; expiresAt: Date; createdBy: Actor }
): Promise<IssuedCode> {
	const [user] = await db
		.select({ kind: table.appUser.kind, disabledAt: table.appUser.disabledAt })
		.from(table.appUser)
		.where(eq(table.appUser.id, input.userId));
	if (!user || user.kind !== 'juror')
		throw new Error(`user ${input.userId} is not a juror account`);
	if (user.disabledAt) throw new Error(`user ${input.userId} is disabled`);
	// A collision in 2^40 is unlikely but would violate the unique index; draw again.
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = generateInvitationCode();
		const [row] = await db
			.insert(table.invitationCode)
			.values({
				codeHash: hashToken(code),
				userId: input.userId,
				expiresAt: input.expiresAt,
				createdBy: input.createdBy?.id ?? null
			})
			.onConflictDoNothing()
			.returning({ id: table.invitationCode.id });
		if (!row) continue;
		await recordAuditEvent(db, {
			actor: input.createdBy,
			action: 'auth.code_issue',
			subjectType: 'user',
			subjectId: input.userId,
			details: { codeId: row.id, expiresAt: input.expiresAt.toISOString() }
		});
		return { id: row.id, code: formatInvitationCode(code), expiresAt: input.expiresAt };
	}
	throw new Error('could not draw an unused invitation code');
}

export async function revokeInvitationCode(
	db: Database,
	input: { codeId: number; actor: Actor; now?: Date; userId?: number }
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(table.invitationCode)
			.set({ revokedAt: input.now ?? new Date() })
			.where(
				and(
					eq(table.invitationCode.id, input.codeId),
					// When given, the code must belong to this juror (a page about one juror).
					input.userId === undefined ? undefined : eq(table.invitationCode.userId, input.userId),
					isNull(table.invitationCode.usedAt),
					isNull(table.invitationCode.revokedAt)
				)
			)
			.returning({ userId: table.invitationCode.userId });
		if (!row) return false;
		await recordAuditEvent(tx, {
			actor: input.actor,
			action: 'auth.code_revoke',
			subjectType: 'user',
			subjectId: row.userId,
			details: { codeId: input.codeId }
		});
		return true;
	});
}

export type RedeemResult =
	| { ok: true; token: string; session: AuthSession; userId: number }
	| { ok: false; reason: 'malformed' | 'unknown' | 'used' | 'revoked' | 'expired' };

/**
 * Signs a juror in with a code. The conditional UPDATE is what makes a code single-use: of two
 * simultaneous redemptions exactly one finds `used_at` still empty.
 */
export async function redeemInvitationCode(
	db: Database,
	input: { code: string; ip?: string; now?: Date }
): Promise<RedeemResult> {
	const code = normalizeInvitationCode(input.code);
	if (!code) return { ok: false, reason: 'malformed' };
	const now = input.now ?? new Date();
	const codeHash = hashToken(code);
	return db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(table.invitationCode)
			.set({ usedAt: now })
			.where(
				and(
					eq(table.invitationCode.codeHash, codeHash),
					isNull(table.invitationCode.usedAt),
					isNull(table.invitationCode.revokedAt),
					gt(table.invitationCode.expiresAt, now),
					// A disabled juror's codes are as good as revoked.
					sql`exists (select 1 from ${table.appUser} where ${table.appUser.id} = ${table.invitationCode.userId} and ${table.appUser.kind} = 'juror' and ${table.appUser.disabledAt} is null)`
				)
			)
			.returning({ id: table.invitationCode.id, userId: table.invitationCode.userId });
		if (!claimed) return { ok: false, reason: await whyUnusable(tx, codeHash, now) };
		const [user] = await tx
			.select({ displayName: table.appUser.displayName })
			.from(table.appUser)
			.where(eq(table.appUser.id, claimed.userId));
		const token = generateSessionToken();
		const session = await createSession(tx, token, { id: claimed.userId, kind: 'juror' }, now);
		await recordAuditEvent(tx, {
			actor: { id: claimed.userId, label: user?.displayName ?? `juror ${claimed.userId}` },
			action: 'auth.code_use',
			subjectType: 'user',
			subjectId: claimed.userId,
			details: { codeId: claimed.id, ip: input.ip ?? null }
		});
		return { ok: true, token, session, userId: claimed.userId };
	});
}

async function whyUnusable(
	tx: Pick<Database, 'select'>,
	codeHash: string,
	now: Date
): Promise<'unknown' | 'used' | 'revoked' | 'expired'> {
	const [row] = await tx
		.select({
			usedAt: table.invitationCode.usedAt,
			revokedAt: table.invitationCode.revokedAt,
			expiresAt: table.invitationCode.expiresAt
		})
		.from(table.invitationCode)
		.where(eq(table.invitationCode.codeHash, codeHash));
	if (!row) return 'unknown';
	if (row.usedAt) return 'used';
	if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
	// Neither used nor expired, yet not claimable: revoked, or its juror account is disabled.
	return 'revoked';
}

export interface InvitationCodeSummary {
	id: number;
	createdAt: Date;
	expiresAt: Date;
	usedAt: Date | null;
	revokedAt: Date | null;
}

export async function listInvitationCodes(
	db: Pick<Database, 'select'>,
	userId: number
): Promise<InvitationCodeSummary[]> {
	return db
		.select({
			id: table.invitationCode.id,
			createdAt: table.invitationCode.createdAt,
			expiresAt: table.invitationCode.expiresAt,
			usedAt: table.invitationCode.usedAt,
			revokedAt: table.invitationCode.revokedAt
		})
		.from(table.invitationCode)
		.where(eq(table.invitationCode.userId, userId))
		.orderBy(desc(table.invitationCode.createdAt), desc(table.invitationCode.id));
}

/** The link a card's QR code carries: typing is optional, the code arrives filled in. */
export function invitationLink(origin: string, code: string): string {
	return `${origin}/code?c=${encodeURIComponent(code)}`;
}

/**
 * A PNG data URL of the QR code for a card; medium error correction survives a crumpled print.
 * qrcode (with its PNG encoder) is loaded on the first card printed, not with the /code page that
 * shares this module: most server processes never print a card.
 */
export async function invitationQrDataUrl(link: string): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	return QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

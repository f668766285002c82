/**
 * Sign-in codes for jurors (the Accounts issue's one-time codes), issued per juror or for a whole
 * drawn sub-panel. A juror gets an `app_user` account of kind 'juror' the first time a code is
 * issued; the link is kept on `juror.user_id`.
 */
import { and, eq } from 'drizzle-orm';
import {
	invitationLink,
	invitationQrDataUrl,
	issueInvitationCode,
	type IssuedCode
} from '$lib/server/auth/invitation';
import { insertJurorUser } from '$lib/server/auth/users';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { JuryError, type Actor, type Executor } from './types';

/** Codes stay valid for 30 days: long enough to reach an elderly juror by post or in person. */
const CODE_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export interface JurorCode extends IssuedCode {
	jurorId: number;
	name: string;
}

async function issueFor(tx: Executor, jurorId: number, actor: Actor): Promise<JurorCode> {
	const [juror] = await tx
		.select({
			id: table.juror.id,
			name: table.juror.name,
			status: table.juror.status,
			userId: table.juror.userId
		})
		.from(table.juror)
		.where(eq(table.juror.id, jurorId));
	if (!juror) throw new JuryError('not_found');
	if (juror.status !== 'active') throw new JuryError('wrong_status', { status: juror.status });
	let userId = juror.userId;
	if (userId === null) {
		userId = await insertJurorUser(tx, { displayName: juror.name });
		await tx.update(table.juror).set({ userId }).where(eq(table.juror.id, jurorId));
	}
	const issued = await issueInvitationCode(tx, {
		userId,
		expiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
		createdBy: actor
	});
	return { ...issued, jurorId, name: juror.name };
}

export function issueJurorCode(db: Database, jurorId: number, actor: Actor): Promise<JurorCode> {
	return db.transaction((tx) => issueFor(tx, jurorId, actor));
}

/**
 * One code per active member of a revealed draw, in one transaction. Members who left the roster
 * since the draw are skipped rather than blocking the rest of the panel.
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
			.where(and(eq(table.drawMember.drawId, drawId), eq(table.juror.status, 'active')))
			.orderBy(table.drawMember.position);
		if (members.length === 0) throw new JuryError('not_found');
		const codes: JurorCode[] = [];
		for (const member of members) codes.push(await issueFor(tx, member.jurorId, actor));
		return codes;
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

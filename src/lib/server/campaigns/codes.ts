import { createHash } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { generateBallotCode } from '$lib/domain/campaign-code';
import * as table from '$lib/server/db/schema';
import type { Executor } from './definition';

/** Only the hash is stored: a copy of the table prints no usable card. */
export function hashBallotCode(code: string): string {
	return createHash('sha256').update(code).digest('hex');
}

export async function findBallotCode(db: Executor, code: string): Promise<table.BallotCode | null> {
	const [row] = await db
		.select()
		.from(table.ballotCode)
		.where(eq(table.ballotCode.codeHash, hashBallotCode(code)));
	return row ?? null;
}

/**
 * Makes n fresh codes and returns them in clear, once: the caller prints them and forgets them.
 * Cards are shuffled by the randomness of the codes themselves, so the order of printing says
 * nothing about the order of use.
 */
export async function createBallotCodes(
	db: Executor,
	campaignId: number,
	n: number,
	tierId: number | null
): Promise<string[]> {
	const codes = Array.from({ length: n }, () => generateBallotCode());
	await db
		.insert(table.ballotCode)
		.values(codes.map((code) => ({ campaignId, codeHash: hashBallotCode(code), tierId })));
	return codes;
}

export interface CodeCounts {
	issued: number;
	used: number;
}

export async function countBallotCodes(db: Executor, campaignId: number): Promise<CodeCounts> {
	const [issued] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(table.ballotCode)
		.where(eq(table.ballotCode.campaignId, campaignId));
	const [used] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(table.ballotCode)
		.where(and(eq(table.ballotCode.campaignId, campaignId), isNotNull(table.ballotCode.usedAt)));
	return { issued: issued?.n ?? 0, used: used?.n ?? 0 };
}

export type CodeLookup =
	| { ok: true; code: table.BallotCode }
	| { ok: false; reason: 'code_invalid' | 'code_used' | 'code_expired' };

/** A card's code as the vote page sees it: unknown, spent, expired, or good to vote with. */
export async function lookUpBallotCode(db: Executor, code: string | null): Promise<CodeLookup> {
	const row = code ? await findBallotCode(db, code) : null;
	if (!row) return { ok: false, reason: 'code_invalid' };
	if (row.usedAt) return { ok: false, reason: 'code_used' };
	if (row.expiresAt && row.expiresAt <= new Date()) return { ok: false, reason: 'code_expired' };
	return { ok: true, code: row };
}

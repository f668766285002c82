/**
 * Re-checks every published result: the stored text still hashes to the stored SHA-256, the audit
 * chain recorded that same hash at publication, and the results recomputed from the ballots in the
 * database today are byte for byte the snapshot that was published.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '$lib/server/campaigns/definition';
import * as table from '$lib/server/db/schema';
import { computeResults } from './compute';
import { recomputeGroupResult } from './groups';
import { canonicalSnapshot, sha256Hex, type SnapshotFormat } from './snapshot';

export type MismatchReason =
	'stored_hash' | 'audit_missing' | 'audit_hash' | 'recompute_failed' | 'recomputed_differs';

export interface ResultMismatch {
	campaignId: number;
	reason: MismatchReason;
	/** Where the recomputed results differ (JSON paths, at most a few), or the error. */
	detail: string[];
}

/** JSON paths at which two parsed values differ, depth first, at most `limit` of them. */
export function differingPaths(a: unknown, b: unknown, path = '$', limit = 5): string[] {
	if (JSON.stringify(a) === JSON.stringify(b)) return [];
	const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
	if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [path];
	const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
	const found: string[] = [];
	for (const key of keys) {
		const at = Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`;
		const here = (x: object) => (x as Record<string, unknown>)[key];
		found.push(...differingPaths(here(a), here(b), at, limit - found.length));
		if (found.length >= limit) break;
	}
	return found;
}

/** The SHA-256 the audit chain recorded when this campaign or group was first published. */
async function auditedHash(
	db: Executor,
	action: 'results.publish' | 'ranking_group.publish',
	subjectType: 'campaign' | 'ranking_group',
	id: number
): Promise<string | null> {
	const [event] = await db
		.select({ details: table.auditEvent.details })
		.from(table.auditEvent)
		.where(
			and(
				eq(table.auditEvent.action, action),
				eq(table.auditEvent.subjectType, subjectType),
				eq(table.auditEvent.subjectId, String(id))
			)
		)
		.orderBy(asc(table.auditEvent.seq))
		.limit(1);
	const hash = event?.details.sha256;
	return typeof hash === 'string' ? hash : null;
}

async function checkOne(db: Executor, stored: table.Result): Promise<ResultMismatch | null> {
	const mismatch = (reason: MismatchReason, detail: string[] = []) => ({
		campaignId: stored.campaignId,
		reason,
		detail
	});
	if (sha256Hex(stored.snapshot) !== stored.sha256) return mismatch('stored_hash');
	const audited = await auditedHash(db, 'results.publish', 'campaign', stored.campaignId);
	if (audited === null) return mismatch('audit_missing');
	if (audited !== stored.sha256) return mismatch('audit_hash');
	let text: string;
	try {
		// Recomputed by the rules of the format it was published in.
		const { format } = JSON.parse(stored.snapshot) as { format: SnapshotFormat };
		const computed = await computeResults(db, stored.campaignId, format);
		if (!computed) return mismatch('recompute_failed', ['the campaign no longer exists']);
		text = canonicalSnapshot(computed.snapshot);
	} catch (error) {
		return mismatch('recompute_failed', [error instanceof Error ? error.message : String(error)]);
	}
	if (text === stored.snapshot) return null;
	return mismatch(
		'recomputed_differs',
		differingPaths(JSON.parse(stored.snapshot), JSON.parse(text))
	);
}

/**
 * A frozen ranking group, checked like a campaign: its stored hash, the audit chain's hash and a
 * recomputation from the members' published results. A problem is reported against the group's
 * first member campaign, with the group named in the detail.
 */
async function checkGroup(
	db: Executor,
	stored: table.RankingGroupResult
): Promise<ResultMismatch | null> {
	const [member] = await db
		.select({ campaignId: table.rankingGroupMember.campaignId })
		.from(table.rankingGroupMember)
		.where(eq(table.rankingGroupMember.groupId, stored.groupId))
		.orderBy(asc(table.rankingGroupMember.campaignId))
		.limit(1);
	const named = `ranking group ${stored.groupId}`;
	const mismatch = (reason: MismatchReason, detail: string[] = []) => ({
		campaignId: member?.campaignId ?? 0,
		reason,
		detail: [named, ...detail]
	});
	if (sha256Hex(stored.snapshot) !== stored.sha256) return mismatch('stored_hash');
	const audited = await auditedHash(db, 'ranking_group.publish', 'ranking_group', stored.groupId);
	if (audited === null) return mismatch('audit_missing');
	if (audited !== stored.sha256) return mismatch('audit_hash');
	let text: string;
	try {
		text = await recomputeGroupResult(db, stored);
	} catch (error) {
		return mismatch('recompute_failed', [error instanceof Error ? error.message : String(error)]);
	}
	if (text === stored.snapshot) return null;
	return mismatch(
		'recomputed_differs',
		differingPaths(JSON.parse(stored.snapshot), JSON.parse(text))
	);
}

/**
 * Every published result that does not hold, in campaign order, then every frozen ranking group;
 * empty when all hold. `checked` counts both.
 */
export async function verifyPublishedResults(
	db: Executor
): Promise<{ checked: number; mismatches: ResultMismatch[] }> {
	const rows = await db.select().from(table.result).orderBy(asc(table.result.campaignId));
	const mismatches: ResultMismatch[] = [];
	for (const row of rows) {
		const found = await checkOne(db, row);
		if (found) mismatches.push(found);
	}
	const groups = await db
		.select()
		.from(table.rankingGroupResult)
		.orderBy(asc(table.rankingGroupResult.groupId));
	for (const group of groups) {
		const found = await checkGroup(db, group);
		if (found) mismatches.push(found);
	}
	return { checked: rows.length + groups.length, mismatches };
}

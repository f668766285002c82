import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
	seq: number;
	occurredAt: string;
	actorUserId: number | null;
	actorLabel: string | null;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	details: Record<string, unknown>;
	prevHash: string;
}

/** JSON with object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEvent(fields: ChainedFields): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(fields))));
}

export interface ChainBreak {
	seq: number;
	reason: 'prev_hash' | 'hash' | 'gap';
}

/** Walks events in seq order and names the first place the chain does not hold. */
export function findChainBreak(events: (ChainedFields & { hash: string })[]): ChainBreak | null {
	let expectedPrev = GENESIS_HASH;
	let expectedSeq = 1;
	for (const event of events) {
		if (event.seq !== expectedSeq) return { seq: event.seq, reason: 'gap' };
		if (event.prevHash !== expectedPrev) return { seq: event.seq, reason: 'prev_hash' };
		const { hash, ...fields } = event;
		if (hashEvent(fields) !== hash) return { seq: event.seq, reason: 'hash' };
		expectedPrev = hash;
		expectedSeq += 1;
	}
	return null;
}

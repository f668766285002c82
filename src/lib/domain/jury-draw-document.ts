/**
 * The published form of a draw: one JSON document with everything needed to recompute it. The
 * public page offers it for download and `npm run draw:verify -- file.json` reads it back.
 *
 * The commitment is the SHA-256 of the seed alone; it does not cover the other fields. The
 * eligible list, the declared source of the public value and the commitment time are published
 * together at commitment (and recorded in the hash-chained audit trail); the times let a reader
 * check that the declared value became known after the commitment and before the reveal.
 */
import type { EligibleJuror, PublishedDraw } from './jury-draw';

export interface DrawDocument extends PublishedDraw {
	format: 'minping-draw/1';
	drawId: number;
	unitName: string;
	/**
	 * Where the public value comes from and when it becomes known, declared at commitment. null
	 * for draws committed before the declaration was required.
	 */
	publicValueSource: string | null;
	/** ISO 8601 in UTC; null only in files downloaded before the times were published. */
	committedAt: string | null;
	/** ISO 8601 in UTC; null until revealed. */
	revealedAt: string | null;
	/** null until revealed. */
	seed: string | null;
	/** How many active jurors each exclusion removed (informational; not needed to recompute). */
	excluded?: { employer: number; related: number; recent: number };
}

/** The stored draw, as far as the document needs it (the `draw` table's row). */
export interface DrawRecord {
	id: number;
	size: number;
	shareNum: number;
	shareDen: number;
	commitment: string;
	publicValueSource: string | null;
	publicValue: string | null;
	seed: string | null;
	eligible: EligibleJuror[];
	selected: number[] | null;
	excluded: { employer: number; related: number; recent: number };
	createdAt: Date;
	revealedAt: Date | null;
}

/** The document for a stored draw; never includes the sealed seed (the row does not hold it). */
export function drawDocumentOf(draw: DrawRecord, unitName: string): DrawDocument {
	return {
		format: 'minping-draw/1',
		drawId: draw.id,
		unitName,
		size: draw.size,
		minShare: { num: draw.shareNum, den: draw.shareDen },
		commitment: draw.commitment,
		publicValueSource: draw.publicValueSource,
		committedAt: draw.createdAt.toISOString(),
		revealedAt: draw.revealedAt?.toISOString() ?? null,
		publicValue: draw.publicValue ?? '',
		seed: draw.seed,
		eligible: draw.eligible,
		selected: draw.selected ?? [],
		excluded: draw.excluded
	};
}

const chinaOffsetMs = 8 * 3_600_000;

/**
 * "2026-11-22 14:05": a published time in China Standard Time (UTC+8, no daylight saving), to
 * the minute, whatever zone the server or the reader's browser runs in. The page says "北京时间".
 */
export function formatChinaMinute(iso: string): string {
	return new Date(Date.parse(iso) + chinaOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEligible(value: unknown): value is EligibleJuror {
	return (
		isRecord(value) &&
		typeof value.id === 'number' &&
		(value.stratum === 'counted' || value.stratum === 'other')
	);
}

/** Absent (an older file) or null, else an ISO 8601 time with its zone. */
function isOptionalTime(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	return (
		typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
		!Number.isNaN(Date.parse(value))
	);
}

const isOptionalText = (value: unknown) =>
	value === undefined || value === null || typeof value === 'string';

/**
 * Narrows parsed JSON to a draw document, or says which field is wrong. Files downloaded before
 * the source and the times were published lack them; they read as null and still verify.
 */
export function parseDrawDocument(
	value: unknown
): { ok: true; document: DrawDocument } | { ok: false; reason: string } {
	if (!isRecord(value)) return { ok: false, reason: 'not a JSON object' };
	if (value.format !== 'minping-draw/1')
		return { ok: false, reason: 'format must be "minping-draw/1"' };
	const share = value.minShare;
	const checks: [boolean, string][] = [
		[typeof value.drawId === 'number', 'drawId'],
		[typeof value.unitName === 'string', 'unitName'],
		[typeof value.size === 'number', 'size'],
		[isRecord(share) && typeof share.num === 'number' && typeof share.den === 'number', 'minShare'],
		[typeof value.commitment === 'string', 'commitment'],
		[isOptionalText(value.publicValueSource), 'publicValueSource'],
		[isOptionalTime(value.committedAt), 'committedAt'],
		[isOptionalTime(value.revealedAt), 'revealedAt'],
		[typeof value.publicValue === 'string', 'publicValue'],
		[value.seed === null || typeof value.seed === 'string', 'seed'],
		[Array.isArray(value.eligible) && value.eligible.every(isEligible), 'eligible'],
		[
			Array.isArray(value.selected) && value.selected.every((id) => typeof id === 'number'),
			'selected'
		]
	];
	const bad = checks.find(([ok]) => !ok);
	if (bad) return { ok: false, reason: `missing or malformed field: ${bad[1]}` };
	const document = {
		...value,
		publicValueSource: value.publicValueSource ?? null,
		committedAt: value.committedAt ?? null,
		revealedAt: value.revealedAt ?? null
	};
	return { ok: true, document: document as unknown as DrawDocument };
}

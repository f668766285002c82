/**
 * The published form of a draw: one JSON document with everything needed to recompute it. The
 * public page offers it for download and `npm run draw:verify -- file.json` reads it back.
 */
import type { EligibleJuror, PublishedDraw } from './jury-draw';

export interface DrawDocument extends PublishedDraw {
	format: 'minping-draw/1';
	drawId: number;
	unitName: string;
	/** null until revealed. */
	seed: string | null;
	/** How many active jurors each exclusion removed (informational; not needed to recompute). */
	excluded?: { employer: number; related: number; recent: number };
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

/** Narrows parsed JSON to a draw document, or says which field is wrong. */
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
	return { ok: true, document: value as unknown as DrawDocument };
}

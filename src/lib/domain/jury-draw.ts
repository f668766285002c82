/**
 * Verifiable stratified draws of a sub-panel (定向监督评议). The algorithm is documented step by
 * step in docs/JURY.md; in short:
 *   1. the eligible list is fixed and published first (exclusions already applied), sorted by id,
 *      each juror marked 'counted' (a category the composition rule counts) or 'other';
 *   2. quotas: counted = ceil(share × N), other = N − counted; if there are too few 'other' jurors,
 *      all of them are taken and the rest comes from 'counted' (more counted only helps the rule);
 *   3. a stream keyed by SHA-256("<seed>:<public value>") draws the counted quota from the counted
 *      stratum, then the other quota from the other stratum, each by a partial Fisher–Yates shuffle.
 * A request that cannot be met fails with a code and the numbers; it never yields a short panel.
 */
import {
	isCounted,
	minimumCounted,
	type CompositionRule,
	type JurorCategory,
	type Share
} from './jury-composition';
import { chooseK, combinedSeed, commitmentOf, DrawStream, isSeed } from './jury-random';

export type Stratum = 'counted' | 'other';
export const strata: readonly Stratum[] = ['counted', 'other'];

export interface EligibleJuror {
	id: number;
	stratum: Stratum;
}

export interface DrawRequest {
	/** Sorted by id, ascending, no repeats: exactly the list that was published. */
	eligible: readonly EligibleJuror[];
	size: number;
	minShare: Share;
}

export type DrawFailure =
	| { code: 'invalid_request'; reason: string }
	| { code: 'too_few_eligible'; needed: number; available: number }
	| { code: 'too_few_counted'; needed: number; available: number };

export interface Quotas {
	counted: number;
	other: number;
}

export type QuotaOutcome = { ok: true; quotas: Quotas } | { ok: false; failure: DrawFailure };

export function validateRequest(request: DrawRequest): string | null {
	const { eligible, size, minShare } = request;
	if (!Number.isInteger(size) || size < 1) return 'size must be a whole number of at least 1';
	if (!Number.isInteger(minShare.num) || !Number.isInteger(minShare.den))
		return 'share must be whole numbers';
	if (minShare.den < 1 || minShare.num < 0 || minShare.num > minShare.den)
		return 'share must lie between 0 and 1';
	for (let i = 0; i < eligible.length; i++) {
		const { id, stratum } = eligible[i];
		if (!Number.isSafeInteger(id) || id < 1) return `eligible[${i}]: id must be a positive integer`;
		if (!strata.includes(stratum)) return `eligible[${i}]: unknown stratum`;
		if (i > 0 && eligible[i - 1].id >= id) return `eligible[${i}]: ids must be strictly ascending`;
	}
	return null;
}

/** How many jurors each stratum gives, or why the request cannot be met. */
export function planQuotas(request: DrawRequest): QuotaOutcome {
	const reason = validateRequest(request);
	if (reason) return { ok: false, failure: { code: 'invalid_request', reason } };
	const { eligible, size, minShare } = request;
	if (eligible.length < size) {
		return {
			ok: false,
			failure: { code: 'too_few_eligible', needed: size, available: eligible.length }
		};
	}
	const countedAvailable = eligible.filter((juror) => juror.stratum === 'counted').length;
	const otherAvailable = eligible.length - countedAvailable;
	const other = Math.min(size - minimumCounted(minShare, size), otherAvailable);
	const counted = size - other;
	if (countedAvailable < counted) {
		return {
			ok: false,
			failure: { code: 'too_few_counted', needed: counted, available: countedAvailable }
		};
	}
	return { ok: true, quotas: { counted, other } };
}

export type DrawOutcome =
	{ ok: true; selected: number[]; quotas: Quotas } | { ok: false; failure: DrawFailure };

/** The draw itself: selected ids in the order they were drawn (counted stratum first). */
export function drawPanel(request: DrawRequest, seed: string, publicValue: string): DrawOutcome {
	if (!isSeed(seed))
		return {
			ok: false,
			failure: { code: 'invalid_request', reason: 'seed must be 64 lowercase hex digits' }
		};
	const plan = planQuotas(request);
	if (!plan.ok) return plan;
	const stream = new DrawStream(combinedSeed(seed, publicValue));
	const selected: number[] = [];
	for (const stratum of strata) {
		const members = request.eligible
			.filter((juror) => juror.stratum === stratum)
			.map((juror) => juror.id);
		selected.push(...chooseK(members, plan.quotas[stratum], stream));
	}
	return { ok: true, selected, quotas: plan.quotas };
}

/** Everything published about a draw: enough for anyone to recompute it. */
export interface PublishedDraw extends DrawRequest {
	commitment: string;
	publicValue: string;
	selected: readonly number[];
}

export interface Verification {
	commitmentMatches: boolean;
	resultMatches: boolean;
	recomputed: number[] | null;
	failure: DrawFailure | null;
}

/** Recomputes a draw from its published inputs and the revealed seed. */
export function verifyDraw(published: PublishedDraw, seed: string): Verification {
	const commitmentMatches = isSeed(seed) && commitmentOf(seed) === published.commitment;
	const outcome = drawPanel(published, seed, published.publicValue);
	if (!outcome.ok)
		return { commitmentMatches, resultMatches: false, recomputed: null, failure: outcome.failure };
	const resultMatches =
		outcome.selected.length === published.selected.length &&
		outcome.selected.every((id, i) => id === published.selected[i]);
	return { commitmentMatches, resultMatches, recomputed: outcome.selected, failure: null };
}

export interface Candidate {
	id: number;
	category: JurorCategory;
	employerUnitId: number | null;
}

export interface Exclusions {
	/** The evaluated unit and the units tied to it (its windows, its parent). */
	unitIds: ReadonlySet<number>;
	/** Jurors with a declared relation to any of those units. */
	relatedJurorIds: ReadonlySet<number>;
	/** Jurors drawn in the last K draws. */
	recentlyDrawnIds: ReadonlySet<number>;
}

export interface EligibleList {
	eligible: EligibleJuror[];
	/** Each excluded juror counts once, under the first reason that applies, in this order. */
	excluded: { employer: number; related: number; recent: number };
}

/** Applies the exclusions and fixes the published order (ascending id). */
export function buildEligibleList(
	rule: CompositionRule,
	candidates: readonly Candidate[],
	exclusions: Exclusions
): EligibleList {
	const excluded = { employer: 0, related: 0, recent: 0 };
	const eligible: EligibleJuror[] = [];
	for (const candidate of [...candidates].sort((a, b) => a.id - b.id)) {
		if (candidate.employerUnitId !== null && exclusions.unitIds.has(candidate.employerUnitId)) {
			excluded.employer += 1;
		} else if (exclusions.relatedJurorIds.has(candidate.id)) {
			excluded.related += 1;
		} else if (exclusions.recentlyDrawnIds.has(candidate.id)) {
			excluded.recent += 1;
		} else {
			eligible.push({
				id: candidate.id,
				stratum: isCounted(rule, candidate.category) ? 'counted' : 'other'
			});
		}
	}
	return { eligible, excluded };
}

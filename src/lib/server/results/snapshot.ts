/**
 * The shape of a campaign's results, as published. Rationals are written "num/den" by the
 * engine's rationalReplacer, then the JSON is made canonical (keys sorted at every depth) so the
 * same results always give the same text and the same SHA-256.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { CampaignKind, Label, QuestionKind, SubjectKind } from '$lib/domain/campaign-scale';
import {
	rationalReplacer,
	type ConsequenceRule,
	type Outcome,
	type RankedEntry,
	type RateResult,
	type Rounding,
	type ScoreResult,
	type SuppressionReason
} from '$lib/domain/scoring';
import { canonicalJson } from '$lib/server/audit/chain';

/**
 * The snapshot format names the rules the figures were computed by, so a snapshot published under
 * older rules is recomputed under them (verify.ts). 2: when an item hides rater tiers it publishes
 * only its headline figure for them (`withheld`, docs/SCORING.md §5).
 */
export const snapshotFormat = 'minping-results/2';
export const snapshotFormats = ['minping-results/1', snapshotFormat] as const;
export type SnapshotFormat = (typeof snapshotFormats)[number];

/** The figures of one item (question × subject), pooled or within one tier. */
export interface Figures {
	returned: number;
	valid: number;
	blank: number;
	/** Answers per option (choice questions). */
	counts: Record<string, number> | null;
	score: ScoreResult | null;
	rate: RateResult | null;
}

export type TierFigures =
	| ({ key: string; suppressed: false; ballots: number } & Figures)
	| { key: string; suppressed: true; reason: SuppressionReason };

export type ItemResult =
	| {
			question: string;
			subject: number;
			suppressed: true;
			/** Format 2: hidden although it has N ballots, as its weighted score rests on fewer. */
			reason?: 'weighted-few';
	  }
	| {
			question: string;
			subject: number;
			suppressed: false;
			ballots: number;
			pooled: Figures;
			/** Tier-weighted score when the campaign weights tiers; else null (pooled is the figure). */
			weighted: { value: ScoreResult['value']; display: string | null } | null;
			tiers: TierFigures[];
			/**
			 * Format 2, only when a tier is hidden: the figure left out so that the hidden tiers'
			 * opinions cannot be told apart — the pooled counts, score and rate ('pooled', when the
			 * weighted score is the headline) or the weighted score ('weighted', when the pooled rate is).
			 */
			withheld?: 'pooled' | 'weighted';
	  };

/** Times a checklist option was ticked or a candidate picked, out of the ballots returned. */
export interface SelectionResult {
	question: string;
	subject: number;
	/** The option key, or the candidate subject's id as text. */
	key: string;
	count: number;
	share: RateResult;
}

export interface Standing extends RankedEntry {
	subjectId: number;
	display: string | null;
	suppressed: boolean;
}

export interface ResultsSnapshot {
	format: SnapshotFormat;
	campaign: { id: number; kind: CampaignKind; title: string; secret: boolean };
	/** Ballot rows counted (one per rater and subject). */
	ballots: number;
	settings: {
		minBallots: number;
		rateDenominator: string;
		scoreDenominator: string;
		scoreRounding: Rounding;
		rateRounding: Rounding;
		rankOn: string;
		rankMethod: string;
		tierWeighting: boolean;
		expectedRaters: number | null;
		/** Present (true) only when TV audience ballots are counted with the jury's. */
		audienceWithJury?: true;
	};
	tiers: { key: string; name: Label; weight: number }[];
	questions: {
		key: string;
		kind: QuestionKind;
		prompt: Label;
		dimension: string | null;
		options: { key: string; label: Label; value: number | null; excluded: boolean }[];
		rateOptions: string[] | null;
	}[];
	subjects: { id: number; kind: SubjectKind; label: string; detail: string | null }[];
	/** What the main ranking orders by: a score, a rate or a number of picks. */
	basis: 'score' | 'rate' | 'picks';
	rankings: Record<string, Standing[]>;
	items: ItemResult[];
	selections: SelectionResult[];
	rules: ConsequenceRule[];
	outcomes: Outcome[];
	/**
	 * TV viewers' ballots (channel 'audience') counted apart from the jury: their own figures by
	 * the same engine, never tested by the rules. Absent when there are none or they count with
	 * the jury.
	 */
	audience?: AudienceSection;
}

export interface AudienceSection {
	channel: 'audience';
	ballots: number;
	basis: 'score' | 'rate' | 'picks';
	rankings: Record<string, Standing[]>;
	items: ItemResult[];
	selections: SelectionResult[];
}

/** The canonical text that is stored, hashed and served. */
export function canonicalSnapshot(snapshot: ResultsSnapshot): string {
	return canonicalJson(JSON.parse(JSON.stringify(snapshot, rationalReplacer)));
}

export function sha256Hex(data: string | Uint8Array): string {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	return encodeHexLowerCase(sha256(bytes));
}

/**
 * A published snapshot read back: rationals stay as their "num/den" text, which is what pages,
 * CSV and JSON consumers show or pass on.
 */
export type PublishedSnapshot = ReturnType<typeof parsePublished>;

export function parsePublished(text: string) {
	return JSON.parse(text) as Omit<
		ResultsSnapshot,
		'rankings' | 'items' | 'selections' | 'audience'
	> & {
		rankings: PublishedRankings;
		items: PublishedItem[];
		selections: PublishedSelection[];
		outcomes: (Omit<Outcome, 'trigger'> & { trigger: Record<string, unknown> })[];
		audience?: {
			channel: 'audience';
			ballots: number;
			basis: 'score' | 'rate' | 'picks';
			rankings: PublishedRankings;
			items: PublishedItem[];
			selections: PublishedSelection[];
		};
	};
}

export type PublishedRankings = Record<
	string,
	(Omit<Standing, 'value'> & { value: string | null })[]
>;
export type PublishedSelection = Omit<SelectionResult, 'share'> & { share: PublishedRate };

export interface PublishedRate {
	numerator: number;
	denominator: number;
	denominatorKind: string;
	value: string | null;
	percent: string | null;
}

export interface PublishedFigures {
	returned: number;
	valid: number;
	blank: number;
	counts: Record<string, number> | null;
	score: {
		total: string;
		denominator: number;
		denominatorKind: string;
		value: string | null;
		display: string | null;
	} | null;
	rate: PublishedRate | null;
}

export type PublishedItem =
	| { question: string; subject: number; suppressed: true; reason?: 'weighted-few' }
	| {
			question: string;
			subject: number;
			suppressed: false;
			ballots: number;
			pooled: PublishedFigures;
			weighted: { value: string | null; display: string | null } | null;
			tiers: (
				| ({ key: string; suppressed: false; ballots: number } & PublishedFigures)
				| { key: string; suppressed: true; reason: string }
			)[];
			withheld?: 'pooled' | 'weighted';
	  };

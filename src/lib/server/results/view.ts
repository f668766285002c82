/**
 * Flat, display-ready rows from a results snapshot (published or previewed), shared by the staff
 * page, the public page, the CSV/JSON API and the XLSX export so they never disagree.
 */
import type { Label } from '$lib/domain/campaign-scale';
import { consequenceLabels, type Consequence } from '$lib/domain/scoring';
import type { PublishedFigures, PublishedItem, PublishedSnapshot } from './snapshot';

export interface StandingRow {
	subjectId: number;
	subject: string;
	rank: number | null;
	figure: string | null;
	suppressed: boolean;
	tiedWith: string[];
}

export interface FigureCells {
	score: string | null;
	scoreTotal: string | null;
	scoreDenominator: number | null;
	ratePercent: string | null;
	rateNumerator: number | null;
	rateDenominator: number | null;
}

export interface ItemRow extends FigureCells {
	subjectId: number;
	subject: string;
	question: string;
	prompt: Label;
	suppressed: boolean;
	ballots: number | null;
	returned: number | null;
	valid: number | null;
	/** Tier-weighted score when tiers are weighted (then `score` is the pooled one). */
	weighted: string | null;
	tiers: ({ name: Label; suppressed: false; ballots: number } & FigureCells)[] | null;
	hiddenTiers: { name: Label; reason: string }[];
	/** The figure left out while tiers are hidden (format 2): 'pooled' or 'weighted'. */
	withheld: 'pooled' | 'weighted' | null;
	/** Why a hidden item is hidden: null for fewer than N ballots. */
	hiddenReason: 'weighted-few' | null;
}

export interface SelectionRow {
	question: string;
	prompt: Label;
	key: string;
	label: Label;
	count: number;
	percent: string | null;
	denominator: number;
}

export interface ReportView {
	campaign: PublishedSnapshot['campaign'];
	ballots: number;
	minBallots: number;
	basis: PublishedSnapshot['basis'];
	settings: PublishedSnapshot['settings'];
	rankings: Record<string, StandingRow[]>;
	items: ItemRow[];
	selections: SelectionRow[];
	outcomes: { ruleId: string; subject: string; consequences: Label[] }[];
	/** TV audience ballots counted apart: their own figures (no rules); null when none. */
	audience: ReportView | null;
	/** The campaign counts TV audience ballots with the jury's. */
	audienceWithJury: boolean;
}

function cells(figures: PublishedFigures): FigureCells {
	return {
		score: figures.score?.display ?? null,
		scoreTotal: figures.score?.total ?? null,
		scoreDenominator: figures.score?.denominator ?? null,
		ratePercent: figures.rate?.percent ?? null,
		rateNumerator: figures.rate?.numerator ?? null,
		rateDenominator: figures.rate?.denominator ?? null
	};
}

/** Names and prompts looked up from the snapshot itself, so a report needs nothing else. */
function lookups(snapshot: PublishedSnapshot) {
	const subjects = new Map(snapshot.subjects.map((s) => [s.id, s.label]));
	const questions = new Map(snapshot.questions.map((q) => [q.key, q]));
	return {
		labelOf: (id: number | string) => subjects.get(Number(id)) ?? String(id),
		question: (key: string) => questions.get(key),
		prompt: (key: string): Label => questions.get(key)?.prompt ?? { zh: key, en: key },
		tierName: (key: string): Label =>
			snapshot.tiers.find((t) => t.key === key)?.name ?? { zh: '未分组', en: 'No tier' }
	};
}

type Lookups = ReturnType<typeof lookups>;

const hiddenCells = {
	ballots: null,
	returned: null,
	valid: null,
	weighted: null,
	score: null,
	scoreTotal: null,
	scoreDenominator: null,
	ratePercent: null,
	rateNumerator: null,
	rateDenominator: null,
	tiers: null,
	hiddenTiers: [],
	withheld: null,
	hiddenReason: null
};

function itemRow(item: PublishedItem, look: Lookups): ItemRow {
	const base = {
		subjectId: item.subject,
		subject: look.labelOf(item.subject),
		question: item.question,
		prompt: look.prompt(item.question)
	};
	if (item.suppressed)
		return { ...base, suppressed: true, ...hiddenCells, hiddenReason: item.reason ?? null };
	return {
		...base,
		suppressed: false,
		ballots: item.ballots,
		returned: item.pooled.returned,
		valid: item.pooled.valid,
		weighted: item.weighted?.display ?? null,
		...cells(item.pooled),
		tiers: item.tiers.flatMap((t) =>
			t.suppressed
				? []
				: [
						{
							name: look.tierName(t.key),
							suppressed: false as const,
							ballots: t.ballots,
							...cells(t)
						}
					]
		),
		hiddenTiers: item.tiers.flatMap((t) =>
			t.suppressed ? [{ name: look.tierName(t.key), reason: t.reason }] : []
		),
		withheld: item.withheld ?? null,
		hiddenReason: null
	};
}

function selectionRow(s: PublishedSnapshot['selections'][number], look: Lookups): SelectionRow {
	const option = look.question(s.question)?.options.find((o) => o.key === s.key);
	const name = look.labelOf(s.key);
	return {
		question: s.question,
		prompt: look.prompt(s.question),
		key: s.key,
		label: option?.label ?? { zh: name, en: name },
		count: s.count,
		percent: s.share.percent,
		denominator: s.share.denominator
	};
}

export function buildReport(snapshot: PublishedSnapshot): ReportView {
	const look = lookups(snapshot);
	const audience = snapshot.audience
		? buildReport({
				...snapshot,
				ballots: snapshot.audience.ballots,
				basis: snapshot.audience.basis,
				rankings: snapshot.audience.rankings,
				items: snapshot.audience.items,
				selections: snapshot.audience.selections,
				outcomes: [],
				audience: undefined
			})
		: null;
	const rankings = Object.fromEntries(
		Object.entries(snapshot.rankings).map(([name, standings]) => [
			name,
			standings.map((s) => ({
				subjectId: s.subjectId,
				subject: look.labelOf(s.subjectId),
				rank: s.rank,
				figure: s.display,
				suppressed: s.suppressed,
				tiedWith: s.tiedWith.map(look.labelOf)
			}))
		])
	);
	return {
		campaign: snapshot.campaign,
		ballots: snapshot.ballots,
		minBallots: snapshot.settings.minBallots,
		basis: snapshot.basis,
		settings: snapshot.settings,
		rankings,
		items: snapshot.items.map((item) => itemRow(item, look)),
		selections: snapshot.selections.map((s) => selectionRow(s, look)),
		outcomes: snapshot.outcomes.map((o) => ({
			ruleId: o.ruleId,
			subject: look.labelOf(o.subject),
			consequences: o.consequences.map((c) => consequenceLabels[c as Consequence])
		})),
		audience,
		audienceWithJury: snapshot.settings.audienceWithJury === true
	};
}

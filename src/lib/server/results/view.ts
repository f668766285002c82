/**
 * Flat, display-ready rows from a results snapshot (published or previewed), shared by the staff
 * page, the public page, the CSV/JSON API and the XLSX export so they never disagree.
 */
import type { Label } from '$lib/domain/campaign-scale';
import { consequenceLabels, type Consequence } from '$lib/domain/scoring';
import type { PublishedFigures, PublishedSnapshot } from './snapshot';

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

export function buildReport(snapshot: PublishedSnapshot): ReportView {
	const subjects = new Map(snapshot.subjects.map((s) => [s.id, s.label]));
	const labelOf = (id: number | string) => subjects.get(Number(id)) ?? String(id);
	const questions = new Map(snapshot.questions.map((q) => [q.key, q]));
	const tierName = (key: string): Label =>
		snapshot.tiers.find((t) => t.key === key)?.name ?? { zh: '未分组', en: 'No tier' };
	const rankings = Object.fromEntries(
		Object.entries(snapshot.rankings).map(([name, standings]) => [
			name,
			standings.map((s) => ({
				subjectId: s.subjectId,
				subject: labelOf(s.subjectId),
				rank: s.rank,
				figure: s.display,
				suppressed: s.suppressed,
				tiedWith: s.tiedWith.map(labelOf)
			}))
		])
	);
	const items = snapshot.items.map((item): ItemRow => {
		const base = {
			subjectId: item.subject,
			subject: labelOf(item.subject),
			question: item.question,
			prompt: questions.get(item.question)?.prompt ?? { zh: item.question, en: item.question }
		};
		if (item.suppressed)
			return {
				...base,
				suppressed: true,
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
				hiddenTiers: []
			};
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
					: [{ name: tierName(t.key), suppressed: false as const, ballots: t.ballots, ...cells(t) }]
			),
			hiddenTiers: item.tiers.flatMap((t) =>
				t.suppressed ? [{ name: tierName(t.key), reason: t.reason }] : []
			)
		};
	});
	const selections = snapshot.selections.map((s): SelectionRow => {
		const question = questions.get(s.question);
		const option = question?.options.find((o) => o.key === s.key);
		const name = labelOf(s.key);
		return {
			question: s.question,
			prompt: question?.prompt ?? { zh: s.question, en: s.question },
			key: s.key,
			label: option?.label ?? { zh: name, en: name },
			count: s.count,
			percent: s.share.percent,
			denominator: s.share.denominator
		};
	});
	const outcomes = snapshot.outcomes.map((o) => ({
		ruleId: o.ruleId,
		subject: labelOf(o.subject),
		consequences: o.consequences.map((c) => consequenceLabels[c as Consequence])
	}));
	return {
		campaign: snapshot.campaign,
		ballots: snapshot.ballots,
		minBallots: snapshot.settings.minBallots,
		basis: snapshot.basis,
		settings: snapshot.settings,
		rankings,
		items,
		selections,
		outcomes
	};
}

/**
 * Interview (约谈) counts in a year cap the annual rating (Xianyang rules, DOMAIN.md):
 * - a cadre interviewed once cannot be rated 优秀; twice or more: only 基本称职 or 不称职;
 * - a leadership team interviewed twice cannot be rated 优秀, nor can its head; three times or
 *   more: only 一般 or 较差.
 */
import { compare, fromInt, type Rational } from './rational';
import type { Label } from './scale';

export const cadreRatings = [
	'excellent',
	'competent',
	'basically_competent',
	'incompetent'
] as const;
export const teamRatings = ['excellent', 'good', 'average', 'poor'] as const;
export type CadreRating = (typeof cadreRatings)[number];
export type TeamRating = (typeof teamRatings)[number];
export type AnnualRating = CadreRating | TeamRating;

export const annualRatingLabels: Readonly<Record<AnnualRating, Label>> = {
	excellent: { zh: '优秀', en: 'Excellent' },
	competent: { zh: '称职', en: 'Competent' },
	basically_competent: { zh: '基本称职', en: 'Basically competent' },
	incompetent: { zh: '不称职', en: 'Incompetent' },
	good: { zh: '良好', en: 'Good' },
	average: { zh: '一般', en: 'Average' },
	poor: { zh: '较差', en: 'Poor' }
};

function checkInterviews(interviews: number): void {
	if (!Number.isSafeInteger(interviews) || interviews < 0) {
		throw new RangeError(`interview count must be a non-negative integer: ${interviews}`);
	}
}

/** The ratings still allowed for a cadre or a team after `interviews` interviews this year. */
export function capAnnualRating(kind: 'cadre', interviews: number): readonly CadreRating[];
export function capAnnualRating(kind: 'team', interviews: number): readonly TeamRating[];
export function capAnnualRating(
	kind: 'cadre' | 'team',
	interviews: number
): readonly AnnualRating[] {
	checkInterviews(interviews);
	if (kind === 'cadre') {
		if (interviews >= 2) return ['basically_competent', 'incompetent'];
		if (interviews === 1) return cadreRatings.filter((rating) => rating !== 'excellent');
		return cadreRatings;
	}
	if (interviews >= 3) return ['average', 'poor'];
	if (interviews === 2) return teamRatings.filter((rating) => rating !== 'excellent');
	return teamRatings;
}

/** A team's head is capped by their own interviews and, from two team interviews, loses 优秀. */
export function capHeadRating(
	headInterviews: number,
	teamInterviews: number
): readonly CadreRating[] {
	checkInterviews(teamInterviews);
	const own = capAnnualRating('cadre', headInterviews);
	return teamInterviews >= 2 ? own.filter((rating) => rating !== 'excellent') : own;
}

/** Ratings from best to worst, for the cadre and the team scale. */
const orderOf = (kind: 'cadre' | 'team'): readonly AnnualRating[] =>
	kind === 'cadre' ? cadreRatings : teamRatings;

/**
 * Score bands from a 民主测评 score to a rating: 优秀 90–100, 称职 70–89, 基本称职 60–69, 不称职 0–59
 * ([C] a scoring form, DOMAIN-RULES §2). A team's 优秀/良好/一般/较差 uses the same bands ([I]).
 * Lower bounds are inclusive.
 */
export const ratingBands: Readonly<Record<'cadre' | 'team', readonly number[]>> = {
	cadre: [90, 70, 60, 0],
	team: [90, 70, 60, 0]
};

export function ratingFromScore(kind: 'cadre' | 'team', score: Rational): AnnualRating {
	const order = orderOf(kind);
	const index = ratingBands[kind].findIndex((min) => compare(score, fromInt(min)) >= 0);
	return order[index === -1 ? order.length - 1 : index];
}

/** The interview rule in force, named for people and records (Xianyang, DOMAIN.md). */
export type InterviewCapRule =
	| 'cadre_interviewed_once'
	| 'cadre_interviewed_twice'
	| 'team_interviewed_twice'
	| 'team_interviewed_three_times'
	| 'head_of_team_interviewed_twice';

/**
 * The rule that caps a rating. A cadre's own interviews name the rule when they cap it at least as
 * hard as their team's do (once: no 优秀, the same as the head rule; twice: stricter); a cadre who
 * heads a unit (`teamInterviews` given) with none of their own loses 优秀 from two team interviews.
 */
export function interviewCapRule(
	kind: 'cadre' | 'team',
	interviews: number,
	teamInterviews?: number
): InterviewCapRule | null {
	checkInterviews(interviews);
	if (kind === 'cadre') {
		if (interviews >= 2) return 'cadre_interviewed_twice';
		if (interviews === 1) return 'cadre_interviewed_once';
		if (teamInterviews === undefined) return null;
		checkInterviews(teamInterviews);
		return teamInterviews >= 2 ? 'head_of_team_interviewed_twice' : null;
	}
	if (interviews >= 3) return 'team_interviewed_three_times';
	return interviews === 2 ? 'team_interviewed_twice' : null;
}

export interface AnnualRatingProposal {
	kind: 'cadre' | 'team';
	/** The rating the score's band gives. */
	fromScore: AnnualRating;
	/** The rating proposed after the interview cap: never better than `fromScore`. */
	rating: AnnualRating;
	interviews: number;
	/** The cap rule in force (even when it changes nothing), or null with too few interviews. */
	cap: InterviewCapRule | null;
	/** Whether the cap lowered the rating. */
	lowered: boolean;
	allowed: readonly AnnualRating[];
}

/**
 * The annual rating proposed for a cadre or team: the score's band, lowered to the best rating the
 * year's interviews still allow. `teamInterviews` is given for a cadre who heads a unit: their
 * unit's leadership-team interviews that year (capHeadRating). Staff decide; this only proposes
 * and says why.
 */
export function proposeAnnualRating(
	kind: 'cadre' | 'team',
	score: Rational,
	interviews: number,
	teamInterviews?: number
): AnnualRatingProposal {
	const fromScore = ratingFromScore(kind, score);
	const allowed: readonly AnnualRating[] =
		kind === 'team'
			? capAnnualRating('team', interviews)
			: teamInterviews === undefined
				? capAnnualRating('cadre', interviews)
				: capHeadRating(interviews, teamInterviews);
	const order = orderOf(kind);
	const from = order.indexOf(fromScore);
	const rating = order.find((r, i) => i >= from && allowed.includes(r)) ?? order[order.length - 1];
	return {
		kind,
		fromScore,
		rating,
		interviews,
		cap: interviewCapRule(kind, interviews, kind === 'cadre' ? teamInterviews : undefined),
		lowered: rating !== fromScore,
		allowed
	};
}

/**
 * Interview (约谈) counts in a year cap the annual rating (Xianyang rules, DOMAIN.md):
 * - a cadre interviewed once cannot be rated 优秀; twice or more: only 基本称职 or 不称职;
 * - a leadership team interviewed twice cannot be rated 优秀, nor can its head; three times or
 *   more: only 一般 or 较差.
 */
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

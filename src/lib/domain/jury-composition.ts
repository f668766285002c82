/**
 * The jury's composition rule (Jining): at least 80% of active jurors come from enterprises,
 * individual businesses and ordinary citizens. The share and the counted categories are settings.
 * All comparisons are exact integer arithmetic on a rational share: k of n meets share num/den
 * when den*k >= num*n.
 */

export const jurorCategories = [
	'enterprise_staff',
	'individual_business',
	'citizen_representative',
	'party_congress_delegate',
	'npc_deputy',
	'cppcc_member',
	'other'
] as const;
export type JurorCategory = (typeof jurorCategories)[number];

/** A share as a fraction, e.g. { num: 80, den: 100 }. */
export interface Share {
	num: number;
	den: number;
}

export interface CompositionRule {
	countedCategories: readonly JurorCategory[];
	minShare: Share;
}

export const defaultCompositionRule: CompositionRule = {
	countedCategories: ['enterprise_staff', 'individual_business', 'citizen_representative'],
	minShare: { num: 80, den: 100 }
};

/** Active jurors: how many in all, and how many from the counted categories. */
export interface CompositionCounts {
	counted: number;
	total: number;
}

export function isJurorCategory(value: unknown): value is JurorCategory {
	return typeof value === 'string' && (jurorCategories as readonly string[]).includes(value);
}

export function isCounted(rule: CompositionRule, category: JurorCategory): boolean {
	return rule.countedCategories.includes(category);
}

/** An empty roster meets the rule: there is nobody to be out of proportion. */
export function meetsShare(counts: CompositionCounts, share: Share): boolean {
	return share.den * counts.counted >= share.num * counts.total;
}

/** The share as a percentage rounded down to one decimal, for display only (never for decisions). */
export function sharePercent(counts: CompositionCounts): number | null {
	if (counts.total === 0) return null;
	return Math.floor((counts.counted * 1000) / counts.total) / 10;
}

export function countCategories(
	rule: CompositionRule,
	categories: readonly JurorCategory[]
): CompositionCounts {
	return {
		counted: categories.filter((category) => isCounted(rule, category)).length,
		total: categories.length
	};
}

export type AppointmentCheck =
	| { ok: true; before: CompositionCounts; after: CompositionCounts }
	| {
			ok: false;
			code: 'composition_rule';
			before: CompositionCounts;
			after: CompositionCounts;
			minShare: Share;
	  };

/**
 * May one more juror of `category` become active? Refused when the roster would fall below the
 * share afterwards. A counted juror is always accepted: it can only raise the share, and refusing it
 * would leave a roster that has fallen below the rule (after withdrawals) no way to recover.
 */
export function checkAppointment(
	rule: CompositionRule,
	current: CompositionCounts,
	category: JurorCategory
): AppointmentCheck {
	const counted = isCounted(rule, category);
	const after = { counted: current.counted + (counted ? 1 : 0), total: current.total + 1 };
	if (counted || meetsShare(after, rule.minShare)) return { ok: true, before: current, after };
	return { ok: false, code: 'composition_rule', before: current, after, minShare: rule.minShare };
}

/** ceil(share × n) with integers only: the fewest counted members a group of n may have. */
export function minimumCounted(share: Share, n: number): number {
	return Math.floor((share.num * n + share.den - 1) / share.den);
}

/** How many more non-counted jurors the roster can take right now without breaking the rule. */
export function headroomForOthers(rule: CompositionRule, counts: CompositionCounts): number {
	const { num, den } = rule.minShare;
	if (num === 0) return Number.POSITIVE_INFINITY;
	// Largest t with den*counted >= num*(total + t).
	const slack = den * counts.counted - num * counts.total;
	return slack < 0 ? 0 : Math.floor(slack / num);
}

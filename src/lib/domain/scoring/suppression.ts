/**
 * Minimum-N suppression. A group (rater tier) with fewer than N ballots is never shown on its own,
 * to protect the secrecy of its raters; the overall figure still counts its ballots.
 *
 * Showing the overall next to every other group would let a reader subtract the others and recover
 * the hidden group (overall × 100 − Σ weight × score of the shown groups). So suppression is also
 * complementary: while the hidden groups together hold fewer than N ballots, the shown group with
 * the fewest ballots is hidden too. When all groups together hold fewer than N, the overall is
 * hidden as well.
 */

export const defaultMinBallots = 5;

export type SuppressionReason = 'below-minimum' | 'complementary';

export interface GroupSize {
	key: string;
	ballots: number;
}

export interface SuppressionPlan {
	/** Hidden groups and why; groups not listed are shown. */
	hidden: ReadonlyMap<string, SuppressionReason>;
	/** True when all groups together hold fewer than N ballots. */
	overallHidden: boolean;
}

export function checkMinBallots(minBallots: number): number {
	if (!Number.isSafeInteger(minBallots) || minBallots < 0) {
		throw new RangeError(`the minimum group size must be a non-negative integer: ${minBallots}`);
	}
	return minBallots;
}

/** Which groups to hide, given their ballot counts; ties on size are broken by key for stability. */
export function planSuppression(
	groups: readonly GroupSize[],
	minBallots = defaultMinBallots
): SuppressionPlan {
	checkMinBallots(minBallots);
	const hidden = new Map<string, SuppressionReason>();
	let hiddenBallots = 0;
	for (const group of groups) {
		if (group.ballots < minBallots) {
			hidden.set(group.key, 'below-minimum');
			hiddenBallots += group.ballots;
		}
	}
	const shownBySize = groups
		.filter((group) => !hidden.has(group.key))
		.sort((a, b) => a.ballots - b.ballots || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	for (const group of shownBySize) {
		if (hidden.size === 0 || hiddenBallots >= minBallots) break;
		hidden.set(group.key, 'complementary');
		hiddenBallots += group.ballots;
	}
	const total = groups.reduce((n, group) => n + group.ballots, 0);
	return { hidden, overallHidden: total < minBallots };
}

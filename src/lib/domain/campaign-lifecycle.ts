import type { CampaignState } from './campaign-scale';

/** The state machine: draft → open → closed → published → archived; a draft may be dropped. */
const transitions: Record<CampaignState, CampaignState[]> = {
	draft: ['open', 'archived'],
	open: ['closed'],
	closed: ['published'],
	published: ['archived'],
	archived: []
};

export type TransitionRefusal =
	'not_allowed' | 'no_subjects' | 'no_questions' | 'no_electorate' | 'tier_weights';

export interface OpeningFacts {
	subjects: number;
	questions: number;
	/** Raters who may vote online once the electorate is materialized, plus issued codes. */
	electorate: number;
	tierWeights: number[];
	/** Whether results weight tiers (false for per-tier tabulation like 一报告两评议). */
	tierWeighting: boolean;
}

export function nextStates(state: CampaignState): CampaignState[] {
	return transitions[state];
}

/**
 * Why a transition may not happen, or null when it may. Opening is the moment questions freeze,
 * so it demands a complete campaign: something to rate, something to ask, someone to ask.
 */
export function refuseTransition(
	from: CampaignState,
	to: CampaignState,
	facts: OpeningFacts
): TransitionRefusal | null {
	if (!transitions[from].includes(to)) return 'not_allowed';
	if (to !== 'open') return null;
	if (facts.subjects === 0) return 'no_subjects';
	if (facts.questions === 0) return 'no_questions';
	if (facts.electorate === 0) return 'no_electorate';
	if (facts.tierWeighting && facts.tierWeights.length > 0) {
		const sum = facts.tierWeights.reduce((a, b) => a + b, 0);
		if (sum !== 100) return 'tier_weights';
	}
	return null;
}

/** Questions, subjects and tiers change only while the campaign is a draft. */
export function isEditable(state: CampaignState): boolean {
	return state === 'draft';
}

/** Test mode ends (and its ballots are cleared) only while the campaign is running. */
export function canGoLive(state: CampaignState, testMode: boolean): boolean {
	return state === 'open' && testMode;
}

/**
 * What the broadcast screen, the SSE feed and the public JSON carry. Client-safe: the screen
 * imports these types, the server builds the values (src/lib/server/live/).
 */
import type { CampaignKind, CampaignState } from './campaign-scale';

export const liveFormat = 'minping-live/1';

export type RevealPolicy = 'running' | 'sealed';
export type RevealOrder = 'bottom_up' | 'top_down';

/** One ranked subject. `position` 1 is first place; null when hidden by too few ballots. */
export interface LiveEntry {
	subjectId: number;
	label: string;
	/** The figure as published (two decimals, a percentage or a count), or null. */
	display: string | null;
	/** The same figure as a number for the chart's bar length; null when there is none. */
	value: number | null;
	position: number | null;
}

export interface LiveTurnout {
	tier: string | null;
	name: string | null;
	/** The tier's English name; absent from pictures frozen before it was carried. */
	nameEn?: string | null;
	eligible: number;
	voted: number;
	paper: number;
}

/**
 * TV viewers' audience ballots, counted apart from the jury (docs/LIVE.md, "Audience voting").
 * Present only for a campaign whose audience voting is on or has ballots, and never in a
 * rehearsal; older readers that ignore it see exactly the snapshot they always saw.
 */
export interface LiveAudience {
	/** The host has audience voting switched on (ballots are taken while `state` is open). */
	enabled: boolean;
	/** Audience ballots are counted in the main ranking too (the campaign's setting). */
	countsWithJury: boolean;
	/** Devices that have voted. */
	voters: number;
	/** Audience ballot rows (one per device and subject). */
	ballots: number;
	/** The audience's own ranking, best first, when the reveal policy lets it show; else empty. */
	ranking: LiveEntry[];
	/** Ranked places in the audience's ranking (hidden ones included). */
	places: number;
}

export interface LiveSnapshot {
	format: typeof liveFormat;
	campaignId: number;
	title: string;
	kind: CampaignKind;
	state: CampaignState;
	/** Increases with every change of content; see docs/LIVE.md for how it survives restarts. */
	sequence: number;
	generatedAt: string;
	/** Synthetic ballots of a rehearsal: never real figures. */
	rehearsal: boolean;
	frozen: boolean;
	policy: RevealPolicy;
	order: RevealOrder;
	basis: 'score' | 'rate' | 'picks';
	ballots: number;
	/** Raters who have voted, over every tier (people, cards and paper), plus audience devices
	 * when the audience counts with the jury. */
	voters: number;
	turnout: LiveTurnout[];
	/** Places the reveal policy lets anyone see, best first. */
	ranking: LiveEntry[];
	/** How many ranked places exist in all (hidden ones included). */
	places: number;
	/** Places revealed so far in a sealed reveal (equal to `places` when running). */
	revealed: number;
	/** Audience voting, when the campaign uses it; see LiveAudience. */
	audience?: LiveAudience;
}

export type LiveContent = Omit<LiveSnapshot, 'sequence' | 'generatedAt'>;

/** The content of a snapshot without its sequence and time, to tell a real change from a repeat. */
export function contentKey(snapshot: LiveContent | LiveSnapshot): string {
	return JSON.stringify({ ...snapshot, sequence: 0, generatedAt: '' });
}

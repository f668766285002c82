/**
 * Audience voting for TV viewers (docs/LIVE.md, "Audience voting"): the campaign's settings, the
 * host's actions on them, and the per-address limits, as pure functions.
 *
 * The settings live at `campaign.settings.audience = { enabled, countWithJury }`:
 * - `enabled`: the public audience page (/tv/<campaign>) hands out tokens and takes ballots;
 * - `countWithJury`: audience ballots are counted in the jury's ranking. When false (the default)
 *   the live screen and the published results leave them out and show them apart.
 */
import type { CampaignState } from './campaign-scale';
import { isRevealable } from './live-reveal';
import type { RevealPolicy } from './live-snapshot';

export interface AudienceSettings {
	enabled: boolean;
	countWithJury: boolean;
}

export const defaultAudienceSettings: AudienceSettings = { enabled: false, countWithJury: false };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The audience settings of a campaign's settings object. Anything but a literal `true` reads as
 * false, so a missing, malformed or hand-edited value never opens voting or mixes the counts.
 */
export function audienceSettings(settings: Record<string, unknown>): AudienceSettings {
	const audience = isRecord(settings) ? settings.audience : undefined;
	if (!isRecord(audience)) return { ...defaultAudienceSettings };
	return { enabled: audience.enabled === true, countWithJury: audience.countWithJury === true };
}

/** The campaign's settings with the audience part replaced; every other key kept as it was. */
export function withAudienceSettings(
	settings: Record<string, unknown>,
	audience: AudienceSettings
): Record<string, unknown> {
	return {
		...settings,
		audience: { enabled: audience.enabled, countWithJury: audience.countWithJury }
	};
}

export type AudienceAction =
	{ kind: 'open' } | { kind: 'close' } | { kind: 'count_with_jury'; value: boolean };

export type AudienceRefusal =
	/** The campaign is closed, published or archived: there is nothing left to vote on. */
	| 'campaign_finished'
	| 'already_open'
	| 'already_closed'
	/** How audience ballots count is part of the counting rules, fixed when voting opens. */
	| 'counting_fixed'
	| 'unchanged';

export type AudienceResult =
	{ ok: true; settings: AudienceSettings } | { ok: false; refusal: AudienceRefusal };

/**
 * One host action on the audience settings. Audience voting opens and closes while the campaign
 * is a draft or open; whether audience ballots count with the jury may change only in a draft,
 * like tier weights, so the rule is known before the first ballot and never changes mid-count.
 */
export function applyAudienceAction(
	current: AudienceSettings,
	action: AudienceAction,
	state: CampaignState
): AudienceResult {
	if (state !== 'draft' && state !== 'open') return { ok: false, refusal: 'campaign_finished' };
	switch (action.kind) {
		case 'open':
			if (current.enabled) return { ok: false, refusal: 'already_open' };
			return { ok: true, settings: { ...current, enabled: true } };
		case 'close':
			if (!current.enabled) return { ok: false, refusal: 'already_closed' };
			return { ok: true, settings: { ...current, enabled: false } };
		case 'count_with_jury':
			if (state !== 'draft') return { ok: false, refusal: 'counting_fixed' };
			if (current.countWithJury === action.value) return { ok: false, refusal: 'unchanged' };
			return { ok: true, settings: { ...current, countWithJury: action.value } };
	}
}

export type AudienceBallotRefusal =
	/** Audience voting is not switched on for this campaign. */
	| 'not_enabled'
	/** The campaign is not taking ballots (a draft, closed, or outside its window). */
	| 'closed';

/**
 * Whether the audience page may hand out a token and take a ballot now. `accepting` is the
 * campaign's own answer (open and inside its window); audience voting adds its switch.
 */
export function audienceBallotRefusal(
	settings: AudienceSettings,
	accepting: boolean
): AudienceBallotRefusal | null {
	if (!settings.enabled) return 'not_enabled';
	if (!accepting) return 'closed';
	return null;
}

export interface RateLimit {
	/** Requests allowed in a burst. */
	capacity: number;
	/** Tokens regained per second. */
	refillPerSecond: number;
}

/** The largest limit accepted from the environment: above it the limit is no limit at all. */
export const maxPerMinute = 1_000_000;

/**
 * A per-minute limit read from an environment variable: a whole number from 1 to a million, or
 * the fallback when the variable is unset or blank. Anything else is a configuration mistake and
 * throws, naming the variable, rather than silently running without a limit.
 */
export function perMinuteLimit(
	name: string,
	value: string | undefined,
	fallback: number
): RateLimit {
	const text = value?.trim() ?? '';
	const perMinute = text === '' ? fallback : Number(text);
	if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > maxPerMinute)
		throw new Error(`${name} must be a whole number from 1 to ${maxPerMinute}, not "${value}"`);
	return { capacity: perMinute, refillPerSecond: perMinute / 60 };
}

/**
 * Whether the screen may show the audience's own ranking. Running: always, like the jury's.
 * Sealed: only once voting has closed and the jury's reveal has shown every place, so the
 * audience's verdict never gives away the jury's before the host reveals it.
 */
export function audienceRankingShown(
	policy: RevealPolicy,
	state: CampaignState,
	jury: { places: number; revealed: number }
): boolean {
	if (policy === 'running') return true;
	return isRevealable(state, false) && jury.revealed >= jury.places;
}

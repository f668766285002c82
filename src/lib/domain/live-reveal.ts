/**
 * The host's controls as pure functions: reveal policy, one-place-at-a-time reveal, freeze and
 * rehearsal. The server persists the resulting LiveControl (live_state) and audits each action.
 */
import type { CampaignState } from './campaign-scale';
import type { LiveEntry, RevealOrder, RevealPolicy } from './live-snapshot';

export interface LiveControl {
	policy: RevealPolicy;
	order: RevealOrder;
	/** Places revealed in a sealed reveal. */
	revealed: number;
	frozen: boolean;
	rehearsal: boolean;
	/**
	 * Synthetic ballots added to the rehearsal and the seed they are drawn from: every instance,
	 * and a restarted one, regenerates exactly the same rehearsal tally from these two numbers.
	 */
	rehearsalBallots: number;
	rehearsalSeed: number;
}

export const defaultControl: LiveControl = {
	policy: 'running',
	order: 'bottom_up',
	revealed: 0,
	frozen: false,
	rehearsal: false,
	rehearsalBallots: 0,
	rehearsalSeed: 0
};

/** More than any rehearsal needs, small enough to regenerate in a moment. */
export const maxRehearsalBallots = 5000;

export type ControlAction =
	| { kind: 'policy'; policy: RevealPolicy; order: RevealOrder }
	| { kind: 'reveal_next' }
	| { kind: 'freeze' }
	| { kind: 'unfreeze' }
	| { kind: 'rehearsal_start'; seed: number }
	| { kind: 'rehearsal_add'; count: number }
	| { kind: 'rehearsal_stop' };

export type ControlRefusal =
	| 'reveal_started'
	| 'not_sealed'
	| 'voting_open'
	| 'all_revealed'
	| 'already_frozen'
	| 'not_frozen'
	| 'rehearsal_running'
	| 'no_rehearsal'
	| 'rehearsal_full'
	| 'results_final';

export type ControlResult =
	{ ok: true; control: LiveControl } | { ok: false; refusal: ControlRefusal };

export interface ControlFacts {
	state: CampaignState;
	/** Ranked places in the tally the screen shows (rehearsal or real). */
	places: number;
}

/** A sealed ranking opens once voting has closed; a rehearsal may practise the reveal at any time. */
export function isRevealable(state: CampaignState, rehearsal: boolean): boolean {
	return rehearsal || state === 'closed' || state === 'published';
}

export function applyControl(
	control: LiveControl,
	action: ControlAction,
	facts: ControlFacts
): ControlResult {
	const ok = (next: Partial<LiveControl>): ControlResult => ({
		ok: true,
		control: { ...control, ...next }
	});
	const no = (refusal: ControlRefusal): ControlResult => ({ ok: false, refusal });
	switch (action.kind) {
		case 'policy':
			// Switching mid-reveal would show or hide places the audience has already seen.
			if (control.revealed > 0) return no('reveal_started');
			return ok({ policy: action.policy, order: action.order });
		case 'reveal_next':
			if (control.policy !== 'sealed') return no('not_sealed');
			if (!isRevealable(facts.state, control.rehearsal)) return no('voting_open');
			if (control.revealed >= facts.places) return no('all_revealed');
			return ok({ revealed: control.revealed + 1 });
		case 'freeze':
			return control.frozen ? no('already_frozen') : ok({ frozen: true });
		case 'unfreeze':
			return control.frozen ? ok({ frozen: false }) : no('not_frozen');
		case 'rehearsal_start':
			if (control.rehearsal) return no('rehearsal_running');
			if (facts.state !== 'draft' && facts.state !== 'open') return no('results_final');
			return ok({
				rehearsal: true,
				revealed: 0,
				frozen: false,
				rehearsalBallots: 0,
				rehearsalSeed: action.seed
			});
		case 'rehearsal_add':
			if (!control.rehearsal) return no('no_rehearsal');
			if (control.rehearsalBallots + action.count > maxRehearsalBallots)
				return no('rehearsal_full');
			return ok({ rehearsalBallots: control.rehearsalBallots + action.count });
		case 'rehearsal_stop':
			// Back to the real tally with nothing revealed: rehearsal places must not carry over.
			return control.rehearsal
				? ok({ rehearsal: false, revealed: 0, frozen: false, rehearsalBallots: 0 })
				: no('no_rehearsal');
	}
}

/** Ranked subjects first (best first, ties by label), then those without a place. */
export function orderRanking(entries: readonly LiveEntry[]): LiveEntry[] {
	return [...entries].sort((a, b) => {
		if (a.position === null || b.position === null)
			return a.position === b.position
				? a.label.localeCompare(b.label)
				: a.position === null
					? 1
					: -1;
		return a.position - b.position || a.label.localeCompare(b.label, 'zh-CN');
	});
}

/**
 * What the public may see. Running: everything. Sealed: nothing while voting is open; afterwards
 * the revealed places only, taken from the bottom (last place first) or from the top.
 */
export function visibleRanking(
	entries: readonly LiveEntry[],
	control: LiveControl,
	state: CampaignState
): { ranking: LiveEntry[]; places: number; revealed: number } {
	const ordered = orderRanking(entries);
	const ranked = ordered.filter((e) => e.position !== null);
	const places = ranked.length;
	if (control.policy === 'running') return { ranking: ordered, places, revealed: places };
	if (!isRevealable(state, control.rehearsal)) return { ranking: [], places, revealed: 0 };
	const k = Math.min(control.revealed, places);
	const ranking = control.order === 'bottom_up' ? ranked.slice(places - k) : ranked.slice(0, k);
	return { ranking, places, revealed: k };
}

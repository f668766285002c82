import { describe, expect, it } from 'vitest';
import {
	applyControl,
	defaultControl,
	orderRanking,
	visibleRanking,
	type ControlAction,
	type LiveControl
} from './live-reveal';
import type { CampaignState } from './campaign-scale';
import type { LiveEntry } from './live-snapshot';

const entry = (subjectId: number, position: number | null, label = `U${subjectId}`): LiveEntry => ({
	subjectId,
	label,
	display: position === null ? null : String(100 - position),
	value: position === null ? null : 100 - position,
	position
});

// Five units: 3 and 4 tie for third, 6 has too few ballots to be ranked.
const entries = [entry(4, 3), entry(1, 1), entry(6, null), entry(5, 5), entry(2, 2), entry(3, 3)];
const sealed: LiveControl = { ...defaultControl, policy: 'sealed' };

function run(control: LiveControl, actions: ControlAction[], state: CampaignState = 'closed') {
	let current = control;
	for (const action of actions) {
		const result = applyControl(current, action, { state, places: 5 });
		if (!result.ok) throw new Error(result.refusal);
		current = result.control;
	}
	return current;
}

describe('live ranking order', () => {
	it('puts ranked subjects best first and unranked ones last', () => {
		expect(orderRanking(entries).map((e) => e.subjectId)).toEqual([1, 2, 3, 4, 5, 6]);
	});
});

describe('running reveal policy', () => {
	it('shows every subject while voting is open', () => {
		const view = visibleRanking(entries, defaultControl, 'open');
		expect(view.ranking).toHaveLength(6);
		expect(view).toMatchObject({ places: 5, revealed: 5 });
	});
});

describe('sealed reveal policy', () => {
	it('shows nothing while voting is open', () => {
		expect(visibleRanking(entries, { ...sealed, revealed: 3 }, 'open').ranking).toEqual([]);
	});

	it('refuses to reveal a place before voting has closed', () => {
		expect(applyControl(sealed, { kind: 'reveal_next' }, { state: 'open', places: 5 })).toEqual({
			ok: false,
			refusal: 'voting_open'
		});
	});

	it('reveals one place per click from the bottom up, last place first', () => {
		const seen: number[][] = [];
		let control = sealed;
		for (let step = 0; step < 5; step++) {
			control = run(control, [{ kind: 'reveal_next' }]);
			seen.push(visibleRanking(entries, control, 'closed').ranking.map((e) => e.subjectId));
		}
		expect(seen).toEqual([[5], [4, 5], [3, 4, 5], [2, 3, 4, 5], [1, 2, 3, 4, 5]]);
		expect(applyControl(control, { kind: 'reveal_next' }, { state: 'closed', places: 5 })).toEqual({
			ok: false,
			refusal: 'all_revealed'
		});
	});

	it('reveals from the top down when the host chose that order', () => {
		const control = run({ ...sealed, order: 'top_down' }, [
			{ kind: 'reveal_next' },
			{ kind: 'reveal_next' }
		]);
		expect(visibleRanking(entries, control, 'closed').ranking.map((e) => e.subjectId)).toEqual([
			1, 2
		]);
	});

	it('never shows a subject without a place', () => {
		const control = run(sealed, Array(5).fill({ kind: 'reveal_next' }));
		expect(
			visibleRanking(entries, control, 'published').ranking.map((e) => e.subjectId)
		).not.toContain(6);
	});

	it('refuses a change of policy once the reveal has started', () => {
		const control = run(sealed, [{ kind: 'reveal_next' }]);
		const change = { kind: 'policy', policy: 'running', order: 'bottom_up' } as const;
		expect(applyControl(control, change, { state: 'closed', places: 5 })).toEqual({
			ok: false,
			refusal: 'reveal_started'
		});
	});

	it('refuses to reveal under the running policy', () => {
		expect(
			applyControl(defaultControl, { kind: 'reveal_next' }, { state: 'closed', places: 5 })
		).toEqual({
			ok: false,
			refusal: 'not_sealed'
		});
	});
});

describe('freeze and rehearsal', () => {
	it('freezes and unfreezes, refusing a repeat of either', () => {
		const frozen = run(defaultControl, [{ kind: 'freeze' }]);
		expect(frozen.frozen).toBe(true);
		expect(applyControl(frozen, { kind: 'freeze' }, { state: 'open', places: 5 }).ok).toBe(false);
		expect(run(frozen, [{ kind: 'unfreeze' }]).frozen).toBe(false);
		expect(
			applyControl(defaultControl, { kind: 'unfreeze' }, { state: 'open', places: 5 }).ok
		).toBe(false);
	});

	it('lets a rehearsal practise the sealed reveal while voting is still open', () => {
		const control = run(
			sealed,
			[{ kind: 'rehearsal_start', seed: 7 }, { kind: 'reveal_next' }],
			'open'
		);
		expect(visibleRanking(entries, control, 'open').ranking.map((e) => e.subjectId)).toEqual([5]);
		const after = run(control, [{ kind: 'rehearsal_stop' }], 'open');
		expect(after).toMatchObject({ rehearsal: false, revealed: 0 });
		expect(visibleRanking(entries, after, 'open').ranking).toEqual([]);
	});

	it('refuses a rehearsal once the results are final', () => {
		expect(
			applyControl(
				defaultControl,
				{ kind: 'rehearsal_start', seed: 7 },
				{ state: 'closed', places: 5 }
			)
		).toEqual({
			ok: false,
			refusal: 'results_final'
		});
	});

	it('counts synthetic ballots up to a limit and forgets them when the rehearsal ends', () => {
		const control = run(
			defaultControl,
			[
				{ kind: 'rehearsal_start', seed: 42 },
				{ kind: 'rehearsal_add', count: 20 },
				{ kind: 'rehearsal_add', count: 30 }
			],
			'open'
		);
		expect(control).toMatchObject({ rehearsalSeed: 42, rehearsalBallots: 50 });
		const tooMany = { kind: 'rehearsal_add', count: 5000 } as const;
		expect(applyControl(control, tooMany, { state: 'open', places: 5 })).toEqual({
			ok: false,
			refusal: 'rehearsal_full'
		});
		expect(run(control, [{ kind: 'rehearsal_stop' }], 'open').rehearsalBallots).toBe(0);
		const outside = { kind: 'rehearsal_add', count: 1 } as const;
		expect(applyControl(defaultControl, outside, { state: 'open', places: 5 })).toEqual({
			ok: false,
			refusal: 'no_rehearsal'
		});
	});
});

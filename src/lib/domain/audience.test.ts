import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	applyAudienceAction,
	audienceBallotRefusal,
	audienceRankingShown,
	audienceSettings,
	defaultAudienceSettings,
	perMinuteLimit,
	withAudienceSettings,
	type AudienceAction,
	type AudienceSettings
} from './audience';
import type { CampaignState } from './campaign-scale';

const states: CampaignState[] = ['draft', 'open', 'closed', 'published', 'archived'];
const anySettings = fc.record({ enabled: fc.boolean(), countWithJury: fc.boolean() });
const anyAction: fc.Arbitrary<AudienceAction> = fc.oneof(
	fc.constant({ kind: 'open' as const }),
	fc.constant({ kind: 'close' as const }),
	fc.boolean().map((value) => ({ kind: 'count_with_jury' as const, value }))
);

describe('audience settings', () => {
	it('default to closed and counted apart', () => {
		expect(audienceSettings({})).toEqual({ enabled: false, countWithJury: false });
		expect(audienceSettings({ denominator: 'valid' })).toEqual(defaultAudienceSettings);
	});

	it('read both switches', () => {
		expect(audienceSettings({ audience: { enabled: true, countWithJury: true } })).toEqual({
			enabled: true,
			countWithJury: true
		});
		expect(audienceSettings({ audience: { enabled: true } })).toEqual({
			enabled: true,
			countWithJury: false
		});
	});

	it('read anything but a literal true as false', () => {
		for (const audience of [null, 'yes', 1, [true], { enabled: 'true', countWithJury: 1 }])
			expect(audienceSettings({ audience })).toEqual(defaultAudienceSettings);
		fc.assert(
			fc.property(fc.anything(), (audience) => {
				const read = audienceSettings({ audience });
				expect(typeof read.enabled).toBe('boolean');
				expect(typeof read.countWithJury).toBe('boolean');
				if (read.enabled) expect((audience as { enabled: unknown }).enabled).toBe(true);
			})
		);
	});

	it('are replaced without touching the other settings, and read back as written', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.string().filter((k) => k !== 'audience' && k !== '__proto__'),
					fc.jsonValue()
				),
				anySettings,
				(other, audience) => {
					const next = withAudienceSettings(other, audience);
					expect(audienceSettings(next)).toEqual(audience);
					const { audience: _written, ...rest } = next;
					expect(rest).toEqual(other);
				}
			)
		);
	});
});

describe('host actions on audience voting', () => {
	const closed: AudienceSettings = { enabled: false, countWithJury: false };

	it('opens and closes audience voting in a draft and while voting is open', () => {
		for (const state of ['draft', 'open'] as const) {
			const opened = applyAudienceAction(closed, { kind: 'open' }, state);
			expect(opened).toEqual({ ok: true, settings: { enabled: true, countWithJury: false } });
			if (!opened.ok) continue;
			expect(applyAudienceAction(opened.settings, { kind: 'close' }, state)).toEqual({
				ok: true,
				settings: closed
			});
		}
	});

	it('refuses to open twice or close what is closed', () => {
		expect(applyAudienceAction({ ...closed, enabled: true }, { kind: 'open' }, 'open')).toEqual({
			ok: false,
			refusal: 'already_open'
		});
		expect(applyAudienceAction(closed, { kind: 'close' }, 'open')).toEqual({
			ok: false,
			refusal: 'already_closed'
		});
	});

	it('sets whether the audience counts with the jury only in a draft', () => {
		const value = { kind: 'count_with_jury', value: true } as const;
		expect(applyAudienceAction(closed, value, 'draft')).toEqual({
			ok: true,
			settings: { enabled: false, countWithJury: true }
		});
		expect(applyAudienceAction(closed, value, 'open')).toEqual({
			ok: false,
			refusal: 'counting_fixed'
		});
		expect(applyAudienceAction(closed, { kind: 'count_with_jury', value: false }, 'draft')).toEqual(
			{ ok: false, refusal: 'unchanged' }
		);
	});

	it('changes nothing once the campaign is closed, and touches only what the action names', () => {
		fc.assert(
			fc.property(anySettings, anyAction, fc.constantFrom(...states), (current, action, state) => {
				const result = applyAudienceAction(current, action, state);
				if (state !== 'draft' && state !== 'open') {
					expect(result).toEqual({ ok: false, refusal: 'campaign_finished' });
					return;
				}
				if (!result.ok) return;
				if (action.kind === 'count_with_jury') {
					expect(state).toBe('draft');
					expect(result.settings).toEqual({ ...current, countWithJury: action.value });
				} else {
					expect(result.settings).toEqual({ ...current, enabled: action.kind === 'open' });
				}
				expect(result.settings).not.toEqual(current);
			})
		);
	});
});

describe('whether the audience page takes ballots', () => {
	it('needs audience voting on and the campaign taking ballots', () => {
		const on = { enabled: true, countWithJury: false };
		expect(audienceBallotRefusal(on, true)).toBeNull();
		expect(audienceBallotRefusal(on, false)).toBe('closed');
		expect(audienceBallotRefusal({ ...on, enabled: false }, true)).toBe('not_enabled');
		expect(audienceBallotRefusal({ ...on, enabled: false }, false)).toBe('not_enabled');
	});
});

describe('per-minute limits from the environment', () => {
	it('fall back when unset or blank', () => {
		expect(perMinuteLimit('X', undefined, 30)).toEqual({ capacity: 30, refillPerSecond: 0.5 });
		expect(perMinuteLimit('X', '  ', 30)).toEqual({ capacity: 30, refillPerSecond: 0.5 });
	});

	it('read a whole number per minute as a burst of that size refilled over a minute', () => {
		expect(perMinuteLimit('X', '600', 30)).toEqual({ capacity: 600, refillPerSecond: 10 });
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
				const limit = perMinuteLimit('X', String(n), 30);
				expect(limit.capacity).toBe(n);
				expect(limit.refillPerSecond * 60).toBeCloseTo(n);
			})
		);
	});

	it('refuse anything else, naming the variable', () => {
		for (const bad of ['0', '-5', '1.5', 'many', '1e9', 'Infinity'])
			expect(() => perMinuteLimit('AUDIENCE_TOKENS_PER_IP_PER_MINUTE', bad, 30)).toThrow(
				/AUDIENCE_TOKENS_PER_IP_PER_MINUTE/
			);
	});
});

describe("the audience's own ranking on the screen", () => {
	it('shows with a running ranking, whatever the state', () => {
		for (const state of states)
			expect(audienceRankingShown('running', state, { places: 3, revealed: 3 })).toBe(true);
	});

	it('waits, when sealed, for voting to close and the jury reveal to finish', () => {
		expect(audienceRankingShown('sealed', 'open', { places: 0, revealed: 0 })).toBe(false);
		expect(audienceRankingShown('sealed', 'open', { places: 3, revealed: 0 })).toBe(false);
		expect(audienceRankingShown('sealed', 'closed', { places: 3, revealed: 2 })).toBe(false);
		expect(audienceRankingShown('sealed', 'closed', { places: 3, revealed: 3 })).toBe(true);
		expect(audienceRankingShown('sealed', 'published', { places: 0, revealed: 0 })).toBe(true);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canGoLive, isEditable, nextStates, refuseTransition } from './campaign-lifecycle';
import type { CampaignState } from './campaign-scale';

const ready = { subjects: 3, questions: 5, electorate: 10, tierWeights: [], tierWeighting: true };
const states: CampaignState[] = ['draft', 'open', 'closed', 'published', 'archived'];

describe('the campaign lifecycle', () => {
	it('walks draft, open, closed, published, archived in that order', () => {
		expect(refuseTransition('draft', 'open', ready)).toBeNull();
		expect(refuseTransition('open', 'closed', ready)).toBeNull();
		expect(refuseTransition('closed', 'published', ready)).toBeNull();
		expect(refuseTransition('published', 'archived', ready)).toBeNull();
	});

	it('never goes back or skips a step', () => {
		expect(refuseTransition('open', 'draft', ready)).toBe('not_allowed');
		expect(refuseTransition('closed', 'open', ready)).toBe('not_allowed');
		expect(refuseTransition('draft', 'closed', ready)).toBe('not_allowed');
		expect(refuseTransition('archived', 'draft', ready)).toBe('not_allowed');
	});

	it('allows only the listed transitions, for every pair of states', () => {
		fc.assert(
			fc.property(fc.constantFrom(...states), fc.constantFrom(...states), (from, to) => {
				const allowed = refuseTransition(from, to, ready) === null;
				expect(allowed).toBe(nextStates(from).includes(to));
			})
		);
	});

	it('refuses to open a campaign with nothing to rate, ask or nobody to vote', () => {
		expect(refuseTransition('draft', 'open', { ...ready, subjects: 0 })).toBe('no_subjects');
		expect(refuseTransition('draft', 'open', { ...ready, questions: 0 })).toBe('no_questions');
		expect(refuseTransition('draft', 'open', { ...ready, electorate: 0 })).toBe('no_electorate');
	});

	it('requires weighted tiers to sum to 100 but not tiers that are only tabulated', () => {
		const weights = { ...ready, tierWeights: [50, 25, 20] };
		expect(refuseTransition('draft', 'open', weights)).toBe('tier_weights');
		expect(refuseTransition('draft', 'open', { ...weights, tierWeighting: false })).toBeNull();
		expect(refuseTransition('draft', 'open', { ...ready, tierWeights: [50, 25, 25] })).toBeNull();
	});

	it('freezes questions once open and goes live only from an open test run', () => {
		expect(states.filter(isEditable)).toEqual(['draft']);
		expect(canGoLive('open', true)).toBe(true);
		expect(canGoLive('open', false)).toBe(false);
		expect(canGoLive('draft', true)).toBe(false);
	});
});

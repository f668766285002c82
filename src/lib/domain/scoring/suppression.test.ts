import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSuppression } from './suppression';

const groups = fc.uniqueArray(
	fc.record({ key: fc.string({ minLength: 1, maxLength: 3 }), ballots: fc.nat(12) }),
	{
		selector: (group) => group.key,
		maxLength: 6
	}
);

describe('minimum-N suppression', () => {
	it('hides a group under N and, complementarily, the smallest shown group', () => {
		const plan = planSuppression([
			{ key: 'leaders', ballots: 3 },
			{ key: 'staff', ballots: 20 },
			{ key: 'representatives', ballots: 10 }
		]);
		expect([...plan.hidden]).toEqual([
			['leaders', 'below-minimum'],
			['representatives', 'complementary']
		]);
		expect(plan.overallHidden).toBe(false);
	});

	it('needs no complement when the hidden groups together reach N', () => {
		const plan = planSuppression([
			{ key: 'a', ballots: 3 },
			{ key: 'b', ballots: 4 },
			{ key: 'c', ballots: 30 }
		]);
		expect([...plan.hidden.keys()]).toEqual(['a', 'b']);
	});

	it('hides the overall too when everybody together is fewer than N', () => {
		const plan = planSuppression([{ key: 'only', ballots: 4 }]);
		expect(plan).toEqual({ hidden: new Map([['only', 'below-minimum']]), overallHidden: true });
		expect(planSuppression([{ key: 'only', ballots: 4 }], 3).hidden.size).toBe(0);
		expect(() => planSuppression([], -1)).toThrow(/non-negative/);
	});

	it('never reveals a group under N, alone or by subtraction from the overall', () => {
		fc.assert(
			fc.property(groups, fc.integer({ min: 1, max: 8 }), (list, minBallots) => {
				const plan = planSuppression(list, minBallots);
				const shown = list.filter((group) => !plan.hidden.has(group.key));
				const hiddenTotal = list
					.filter((group) => plan.hidden.has(group.key))
					.reduce((n, group) => n + group.ballots, 0);
				for (const group of shown) expect(group.ballots).toBeGreaterThanOrEqual(minBallots);
				// What overall minus the shown groups leaves is a pool of at least N ballots.
				if (!plan.overallHidden && plan.hidden.size > 0) {
					expect(hiddenTotal).toBeGreaterThanOrEqual(minBallots);
				}
				for (const group of list.filter((candidate) => candidate.ballots < minBallots)) {
					expect(plan.hidden.has(group.key)).toBe(true);
				}
			})
		);
	});

	it('does not depend on the order of the groups', () => {
		fc.assert(
			fc.property(groups, (list) => {
				const forward = planSuppression(list);
				const backward = planSuppression([...list].reverse());
				expect(new Map([...backward.hidden].sort())).toEqual(new Map([...forward.hidden].sort()));
			})
		);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDecimal, rational, toDecimalString } from './rational';
import { rankGroup, type GroupEntry, type GroupRankSettings } from './group-ranking';
import { rulesFromTemplate } from './rule-templates';

const settings: GroupRankSettings = { basis: 'score', rankOn: 'displayed', method: 'competition' };

const entry = (key: string, value: string | null, suppressed = false): GroupEntry => ({
	key,
	value: value === null ? null : fromDecimal(value),
	display: value === null ? null : toDecimalString(fromDecimal(value), 2, 'half-up'),
	suppressed
});

describe('ranking campaigns against each other', () => {
	it('ranks districts on their published figures, ties share a place, and applies last place', () => {
		const { ranking, outcomes, applied } = rankGroup(
			'g1',
			[entry('a', '84.36'), entry('b', '80.004'), entry('c', '80.001'), entry('d', '90')],
			settings,
			rulesFromTemplate('satisfaction_survey')
		);
		const rankOf = Object.fromEntries(ranking.map((r) => [r.subject, r.rank]));
		expect(rankOf).toEqual({ d: 1, a: 2, b: 3, c: 3 });
		expect(applied.map((r) => r.id)).toEqual(['last_place']);
		expect(outcomes.map((o) => o.subject).sort()).toEqual(['b', 'c']);
		expect(outcomes[0].trigger).toMatchObject({
			kind: 'rank',
			positionFromBottom: 1,
			of: 4,
			selected: 2
		});
	});

	it('ranks on the exact value when told to', () => {
		const { ranking } = rankGroup(
			'g1',
			[entry('b', '80.004'), entry('c', '80.001')],
			{ ...settings, rankOn: 'exact' },
			[]
		);
		expect(ranking.map((r) => [r.subject, r.rank])).toEqual([
			['b', 1],
			['c', 2]
		]);
	});

	it('leaves a suppressed member unranked and never names it in an outcome', () => {
		const { ranking, outcomes } = rankGroup(
			'g1',
			[entry('a', '70'), entry('b', '60', true), entry('c', '75')],
			settings,
			rulesFromTemplate('satisfaction_survey')
		);
		expect(ranking.find((r) => r.subject === 'b')?.rank).toBeNull();
		expect(outcomes.map((o) => o.subject)).toEqual(['a']);
	});

	it('applies no rank rule with fewer than two ranked members', () => {
		const { applied, outcomes } = rankGroup(
			'g1',
			[entry('a', '70'), entry('b', null)],
			settings,
			rulesFromTemplate('satisfaction_survey')
		);
		expect(applied).toEqual([]);
		expect(outcomes).toEqual([]);
	});

	it('treats rates as published percentages', () => {
		const rate = (key: string, num: number, den: number): GroupEntry => ({
			key,
			value: rational(num, den),
			display: toDecimalString(rational(num * 100, den), 1, 'half-up'),
			suppressed: false
		});
		const { ranking } = rankGroup(
			'g',
			[rate('x', 2, 3), rate('y', 6667, 10000)],
			{ basis: 'rate', rankOn: 'displayed', method: 'competition' },
			[]
		);
		expect(ranking.every((r) => r.rank === 1)).toBe(true);
	});

	it('does not depend on the order of the members (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), {
					minLength: 1,
					maxLength: 12
				}),
				fc.integer(),
				(values, seed) => {
					const entries = values.map((v, i) => entry(`m${i}`, v === null ? null : String(v)));
					const shuffled = [...entries].sort(
						(a, b) => ((a.key.length * 31 + seed) % 7) - ((b.key.length * 17 + seed) % 5)
					);
					const rules = rulesFromTemplate('satisfaction_survey');
					const one = rankGroup('g', entries, settings, rules);
					const two = rankGroup('g', shuffled, settings, rules);
					const ranks = (r: typeof one) =>
						Object.fromEntries(r.ranking.map((e) => [e.subject, e.rank]));
					const lasts = (r: typeof one) => r.outcomes.map((o) => o.subject).sort();
					expect(ranks(two)).toEqual(ranks(one));
					expect(lasts(two)).toEqual(lasts(one));
					// Every member at last place is named, and only those.
					const ranked = values.filter((v): v is number => v !== null);
					if (ranked.length >= 2) {
						const min = Math.min(...ranked);
						expect(lasts(one).length).toBe(ranked.filter((v) => v === min).length);
					}
				}
			)
		);
	});
});

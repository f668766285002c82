import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromInt, rational } from './rational';
import { rankSubjects } from './rank';
import { evaluateRules, meetsComparison, type ConsequenceRule, type RuleContext } from './rules';
import { competenceScale } from './scale';
import { choiceTally } from './tally';

const ranking = (values: Record<string, number>) =>
	rankSubjects(
		Object.entries(values).map(([subject, value]) => ({ subject, value: fromInt(value) }))
	);

const context = (
	values: Record<string, number>,
	extra: Partial<RuleContext> = {}
): RuleContext => ({
	campaignId: 'c-2026',
	rankings: { main: ranking(values) },
	...extra
});

const lastPlace: ConsequenceRule = {
	id: 'last_place',
	kind: 'last-place',
	consequences: ['not_eligible_excellent', 'head_adjustment_proposed']
};
const bottomThree: ConsequenceRule = {
	id: 'bottom_three',
	kind: 'bottom',
	n: 3,
	consequences: ['key_supervision', 'rectification'],
	rectificationDays: 30
};

describe('rank rules', () => {
	it('names the last-placed unit with the rule, campaign and numbers', () => {
		const outcomes = evaluateRules(context({ a: 90, b: 80, c: 70 }), [lastPlace]);
		expect(outcomes).toEqual([
			{
				campaignId: 'c-2026',
				ruleId: 'last_place',
				subject: 'c',
				consequences: ['not_eligible_excellent', 'head_adjustment_proposed'],
				rectificationDays: null,
				trigger: {
					kind: 'rank',
					value: fromInt(70),
					position: 3,
					positionFromBottom: 1,
					of: 3,
					places: 1,
					tiedAtBoundary: false,
					tiedWith: [],
					selected: 1
				}
			}
		]);
	});

	it('includes every subject tied at the boundary of the bottom three, and says so', () => {
		const outcomes = evaluateRules(context({ a: 95, b: 90, c: 80, d: 80, e: 70, f: 60 }), [
			bottomThree
		]);
		expect(
			outcomes.map((o) => [o.subject, o.trigger.kind === 'rank' && o.trigger.tiedAtBoundary])
		).toEqual([
			['c', true],
			['d', true],
			['e', false],
			['f', false]
		]);
		expect(outcomes[0]).toMatchObject({
			rectificationDays: 30,
			trigger: { selected: 4, tiedWith: ['d'] }
		});
	});

	it('marks a shared last place as a tie', () => {
		const outcomes = evaluateRules(context({ a: 90, b: 70, c: 70 }), [lastPlace]);
		expect(
			outcomes.map((o) => [o.subject, o.trigger.kind === 'rank' && o.trigger.tiedAtBoundary])
		).toEqual([
			['b', true],
			['c', true]
		]);
	});

	it('awards the top ten by best picks and warns the bottom ten by worst picks, ignoring zero picks', () => {
		const best = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, 20 - i]));
		const worst = { k0: 0, k1: 0, k2: 5, k3: 9 };
		const outcomes = evaluateRules(
			{
				campaignId: 'c',
				rankings: {
					best: ranking(best),
					worst: rankSubjects(
						Object.entries(worst).map(([subject, value]) => ({ subject, value: fromInt(value) })),
						{ direction: 'lower-is-better' }
					)
				}
			},
			[
				{ id: 'top_ten', kind: 'top', n: 10, ranking: 'best', consequences: ['merit_award'] },
				{
					id: 'bottom_ten',
					kind: 'bottom',
					n: 10,
					ranking: 'worst',
					only: { comparison: 'over', value: fromInt(0) },
					consequences: ['citywide_warning']
				}
			]
		);
		expect(outcomes.filter((o) => o.ruleId === 'top_ten')).toHaveLength(10);
		expect(outcomes.filter((o) => o.ruleId === 'bottom_ten').map((o) => o.subject)).toEqual([
			'k2',
			'k3'
		]);
	});

	it('rejects a missing ranking, a bad place count and duplicate rule ids', () => {
		expect(() => evaluateRules({ campaignId: 'c', rankings: {} }, [lastPlace])).toThrow(
			/missing ranking/
		);
		expect(() => evaluateRules(context({ a: 1 }), [{ ...bottomThree, n: 0 }])).toThrow(/positive/);
		expect(() => evaluateRules(context({ a: 1 }), [lastPlace, lastPlace])).toThrow(/share an id/);
	});
});

describe('threshold rules', () => {
	const scale = competenceScale(undefined, true);
	const tallies = {
		// 不称职 exactly one third of the valid answers (abstentions excluded)
		exact: choiceTally(scale, { excellent: 10, competent: 10, incompetent: 10, abstain: 3 }),
		over: choiceTally(scale, { excellent: 10, competent: 9, incompetent: 10 }),
		fine: choiceTally(scale, {
			excellent: 20,
			competent: 8,
			basically_competent: 1,
			incompetent: 1
		})
	};
	const rule = (comparison: 'over' | 'at-least'): ConsequenceRule => ({
		id: `incompetent_${comparison}`,
		kind: 'threshold',
		operand: ['incompetent'],
		fraction: rational(1, 3),
		comparison,
		denominator: 'valid',
		consequences: ['yellow_card']
	});
	const ctx: RuleContext = { campaignId: 'c', rankings: {}, tallies: { main: tallies } };

	it('distinguishes 超过 (over) from 达到 (at least) at exactly one third', () => {
		expect(evaluateRules(ctx, [rule('over')]).map((o) => o.subject)).toEqual(['over']);
		const atLeast = evaluateRules(ctx, [rule('at-least')]);
		expect(atLeast.map((o) => o.subject)).toEqual(['exact', 'over']);
		expect(atLeast[0].trigger).toMatchObject({
			kind: 'threshold',
			optionKeys: ['incompetent'],
			numerator: 10,
			denominator: 30,
			denominatorKind: 'valid',
			rate: rational(1, 3),
			percent: '33.33'
		});
	});

	it('flags 优秀+称职 below two thirds, and counts abstentions when the denominator says so', () => {
		const below: ConsequenceRule = {
			id: 'below',
			kind: 'threshold',
			operand: 'competentOrAbove',
			fraction: rational(2, 3),
			comparison: 'below',
			denominator: 'valid',
			consequences: ['admonishing_talk_or_adjustment']
		};
		expect(evaluateRules(ctx, [below]).map((o) => o.subject)).toEqual(['over']);
		const returned = evaluateRules(ctx, [{ ...below, denominator: 'returned' }]);
		expect(returned.map((o) => o.subject)).toEqual(['exact', 'over']);
	});

	it('skips subjects with fewer answers than the rule requires', () => {
		const strict = { ...rule('at-least'), minDenominator: 31 } as ConsequenceRule;
		expect(evaluateRules(ctx, [strict])).toEqual([]);
	});

	it('needs the tallies of the item it tests', () => {
		expect(() => evaluateRules({ campaignId: 'c', rankings: {} }, [rule('over')])).toThrow(
			/tallies/
		);
	});

	it('compares exactly: over a third is 3k > n and at least a third is 3k ≥ n', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(100_000), (n, raw) => {
				const k = raw % (n + 1);
				const third = rational(1, 3);
				expect(meetsComparison(k, n, third, 'over')).toBe(3 * k > n);
				expect(meetsComparison(k, n, third, 'at-least')).toBe(3 * k >= n);
				expect(meetsComparison(k, n, rational(2, 3), 'below')).toBe(3 * k < 2 * n);
				expect(meetsComparison(k, n, rational(2, 3), 'at-most')).toBe(3 * k <= 2 * n);
			})
		);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational } from './rational';
import { ruleTemplates, rulesFromTemplate, campaignKinds } from './rule-templates';
import {
	attributeRules,
	campaignRuleLimits,
	groupRuleLimits,
	parseFraction,
	parseRules,
	rankingsOfKind,
	rawRulesFromRows,
	serializeRules,
	type RuleFormRow
} from './rule-schema';

const limits = campaignRuleLimits(['main', 'best', 'worst']);

const row = (patch: Partial<RuleFormRow>): RuleFormRow => ({
	remove: false,
	id: '',
	kind: '',
	n: '',
	ranking: '',
	onlyAny: false,
	operand: '',
	fraction: '',
	comparison: '',
	denominator: '',
	minDenominator: '',
	consequences: [],
	rectificationDays: '',
	...patch
});

describe('stored consequence rules', () => {
	it('reads back every template exactly as it was written', () => {
		for (const kind of campaignKinds) {
			const stored = serializeRules(rulesFromTemplate(kind));
			const parsed = parseRules(stored, campaignRuleLimits(rankingsOfKind(kind)));
			expect(parsed.ok).toBe(true);
			if (parsed.ok) expect(serializeRules(parsed.rules)).toEqual(stored);
		}
	});

	it('parses fractions exactly and refuses anything else', () => {
		expect(parseFraction('1/3')).toEqual(rational(1, 3));
		expect(parseFraction(' 2 / 3 ')).toEqual(rational(2, 3));
		expect(parseFraction('0.5')).toEqual(rational(1, 2));
		expect(parseFraction('1/0')).toBeNull();
		expect(parseFraction('one third')).toBeNull();
		expect(parseFraction('-1/3')).toBeNull();
	});

	it('names every problem of every rule and returns no rules', () => {
		const parsed = parseRules(
			[
				{ id: 'Bad Id', kind: 'last-place', consequences: ['merit_award'] },
				{ id: 'b', kind: 'bottom', n: 0, consequences: [] },
				{
					id: 'c',
					kind: 'threshold',
					operand: 'nonsense',
					fraction: '4/3',
					comparison: '>',
					denominator: 'all',
					consequences: ['admonishment']
				},
				{ id: 'c', kind: 'top', n: 3, ranking: 'nowhere', consequences: ['merit_award', 'x'] }
			],
			limits
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.issues).toEqual(
			expect.arrayContaining([
				{ index: 0, code: 'id' },
				{ index: 1, code: 'places' },
				{ index: 1, code: 'consequences' },
				{ index: 2, code: 'operand' },
				{ index: 2, code: 'fraction' },
				{ index: 2, code: 'comparison' },
				{ index: 2, code: 'denominator' },
				{ index: 3, code: 'ranking' },
				{ index: 3, code: 'consequences' },
				{ index: 3, code: 'duplicate_id' }
			])
		);
	});

	it('allows only rank rules on the main ranking for a ranking group', () => {
		const threshold = serializeRules(ruleTemplates.democratic_assessment.slice(0, 1));
		const parsed = parseRules(threshold, groupRuleLimits);
		expect(parsed).toEqual({ ok: false, issues: [{ index: 0, code: 'kind_not_allowed' }] });
		expect(
			parseRules(serializeRules(rulesFromTemplate('satisfaction_survey')), groupRuleLimits).ok
		).toBe(true);
	});

	it('refuses a list that is not one, or too long', () => {
		expect(parseRules({}, limits)).toEqual({
			ok: false,
			issues: [{ index: -1, code: 'not_a_list' }]
		});
		const many = Array.from({ length: 21 }, (_, i) => ({
			id: `r${i}`,
			kind: 'last-place',
			consequences: ['merit_award']
		}));
		expect(parseRules(many, limits)).toEqual({
			ok: false,
			issues: [{ index: -1, code: 'too_many' }]
		});
	});

	it('turns editor rows into rules: bottom five, a threshold on 基本称职+不称职 at least 1/3', () => {
		const raw = rawRulesFromRows([
			row({
				id: 'bottom_five',
				kind: 'bottom',
				n: '5',
				consequences: ['key_supervision', 'rectification'],
				rectificationDays: '60'
			}),
			row({
				id: 'below_third',
				kind: 'threshold',
				operand: 'basically_competent + incompetent',
				fraction: '1/3',
				comparison: 'at-least',
				denominator: 'valid',
				consequences: ['admonishment']
			}),
			row({ id: 'gone', kind: 'last-place', remove: true, consequences: ['merit_award'] }),
			row({})
		]);
		const parsed = parseRules(raw, limits);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.rules).toEqual([
			{
				id: 'bottom_five',
				kind: 'bottom',
				n: 5,
				consequences: ['key_supervision', 'rectification'],
				rectificationDays: 60
			},
			{
				id: 'below_third',
				kind: 'threshold',
				operand: ['basically_competent', 'incompetent'],
				fraction: rational(1, 3),
				comparison: 'at-least',
				denominator: 'valid',
				consequences: ['admonishment']
			}
		]);
	});

	it("keeps a template rule's provenance only while it is unchanged", () => {
		const template = rulesFromTemplate('unit_evaluation');
		const edited = rulesFromTemplate('unit_evaluation').map(({ provenance: _, ...rule }) => rule);
		(edited[1] as { n: number }).n = 5;
		const attributed = attributeRules(edited, template);
		expect(attributed[0].provenance).toEqual(template[0].provenance);
		expect(attributed[1].provenance).toBeUndefined();
	});

	it('never accepts what it cannot read back identically (property)', () => {
		const anyValue = fc.oneof(
			fc.string({ maxLength: 8 }),
			fc.integer({ min: -5, max: 2000 }),
			fc.constantFrom(
				'1/3',
				'2/3',
				'0.5',
				'over',
				'at-least',
				'valid',
				'bottom',
				'top',
				'threshold',
				'last-place',
				'incompetent'
			),
			fc.constant(null)
		);
		const rule = fc.record(
			{
				id: fc.constantFrom('a', 'b', 'last_place', 'X'),
				kind: fc.constantFrom('last-place', 'bottom', 'top', 'threshold', 'nope'),
				n: anyValue,
				fraction: anyValue,
				comparison: anyValue,
				denominator: anyValue,
				operand: fc.oneof(anyValue, fc.constant(['incompetent'])),
				consequences: fc.constantFrom(
					['merit_award'],
					[],
					['nope'],
					['admonishment', 'yellow_card']
				)
			},
			{ requiredKeys: ['id', 'kind', 'consequences'] }
		);
		fc.assert(
			fc.property(fc.array(rule, { maxLength: 4 }), (input) => {
				const parsed = parseRules(input, limits);
				if (!parsed.ok) {
					expect(parsed.issues.length).toBeGreaterThan(0);
					return;
				}
				const again = parseRules(serializeRules(parsed.rules), limits);
				expect(again.ok).toBe(true);
				if (again.ok) expect(serializeRules(again.rules)).toEqual(serializeRules(parsed.rules));
			})
		);
	});
});

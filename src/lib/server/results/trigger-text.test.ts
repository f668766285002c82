import { afterEach, describe, expect, it } from 'vitest';
import {
	choiceTally,
	competenceScale,
	evaluateRules,
	fromInt,
	rankSubjects,
	rational,
	rationalReplacer,
	type ConsequenceRule,
	type Outcome
} from '$lib/domain/scoring';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { describeTrigger, type TriggerLookups } from './trigger-text';

const defaultGetLocale = getLocale;
afterEach(() => overwriteGetLocale(defaultGetLocale));

const names: Record<string, string> = {
	'1': '甲局',
	'2': '乙局',
	'3': '丙局',
	'4': '丁局',
	'5': '戊局',
	'6': '己局',
	'7:11': '东城区',
	'8:12': '西城区'
};
const scale = competenceScale(undefined, true);
const look = (basis: TriggerLookups['basis'] = 'score'): TriggerLookups => ({
	basis,
	scoreRounding: { precision: 2, mode: 'half-up' },
	rateRounding: { precision: 2, mode: 'half-up' },
	subjectName: (id) => names[id] ?? id,
	optionLabel: (key) => scale.options.find((o) => o.key === key)?.label ?? null
});

/** The numbers as an outcome row stores them: the trigger with rationals as "num/den". */
const stored = (outcome: Outcome) =>
	JSON.parse(JSON.stringify(outcome.trigger, rationalReplacer)) as Record<string, unknown>;

const lastPlace: ConsequenceRule = {
	id: 'last',
	kind: 'last-place',
	consequences: ['rectification']
};
const rankOutcomes = (values: Record<string, number>, rule: ConsequenceRule = lastPlace) =>
	evaluateRules(
		{
			campaignId: 'c',
			rankings: {
				main: rankSubjects(
					Object.entries(values).map(([subject, value]) => ({ subject, value: fromInt(value) }))
				)
			}
		},
		[rule]
	);
const zh = () => overwriteGetLocale(() => 'zh-CN');
const en = () => overwriteGetLocale(() => 'en');
const noInternals = /tiedWith|positionFromBottom|tiedAtBoundary|selected \d|of \d+ ·|true|false/;

describe('the trigger of a rank rule', () => {
	it('reads as a sentence with names, not ids, when six subjects tie for last place', () => {
		const outcomes = rankOutcomes({ 1: 72, 2: 72, 3: 72, 4: 72, 5: 72, 6: 72 });
		expect(outcomes).toHaveLength(6);
		const numbers = stored(outcomes[0]);
		zh();
		const text = describeTrigger(numbers, look());
		expect(text).toBe(
			'共 6 名，排第 1 名（倒数第 1 名），得分 72.00；与 乙局、丙局、丁局、戊局、己局 并列；' +
				'因在规则的第 1 名处并列而入选，本条规则共选出 6 个'
		);
		expect(text).not.toMatch(noInternals);
		en();
		const english = describeTrigger(numbers, look());
		expect(english).toBe(
			'Place 1 of 6 (1 from the bottom), score 72.00; tied with 乙局, 丙局, 丁局, 戊局, and 己局; ' +
				"included through a tie at the rule's place 1: the rule selects 6"
		);
		expect(english).not.toContain('、');
	});

	it('names a plain last place without any tie', () => {
		const [outcome] = rankOutcomes({ 1: 90, 2: 80, 3: 70 });
		zh();
		expect(describeTrigger(stored(outcome), look())).toBe(
			'共 3 名，排第 3 名（倒数第 1 名），得分 70.00'
		);
		en();
		expect(describeTrigger(stored(outcome), look())).toBe(
			'Place 3 of 3 (1 from the bottom), score 70.00'
		);
	});

	it('shows an exact score with the campaign rounding', () => {
		const numbers = { ...stored(rankOutcomes({ 1: 90, 2: 80 })[0]), value: '2109/25' };
		zh();
		expect(describeTrigger(numbers, look())).toContain('得分 84.36');
	});

	it('shows a rate ranking as a percentage and a picks ranking as a count', () => {
		const rate = { ...stored(rankOutcomes({ 1: 90, 2: 80 })[0]), value: '17/20' };
		zh();
		expect(describeTrigger(rate, look('rate'))).toContain('比率 85.00%');
		en();
		expect(describeTrigger(rate, look('rate'))).toContain('rate 85.00%');
		const bottom: ConsequenceRule = {
			id: 'worst',
			kind: 'top',
			n: 1,
			ranking: 'main',
			consequences: ['yellow_card']
		};
		const [picks] = rankOutcomes({ 1: 12, 2: 3 }, bottom);
		expect(describeTrigger(stored(picks), look('picks'))).toBe(
			'Place 1 of 2 (2 from the bottom), 12 picks'
		);
		zh();
		expect(describeTrigger(stored(picks), look('picks'))).toContain('得票 12');
	});

	it('names the members of a ranking group tied with the subject', () => {
		const numbers = {
			...stored(rankOutcomes({ 1: 70, 2: 70 })[0]),
			tiedWith: ['8:12'],
			group: 3
		};
		zh();
		expect(describeTrigger(numbers, look())).toContain('与 西城区 并列');
	});
});

describe('the trigger of a threshold rule', () => {
	const rule: ConsequenceRule = {
		id: 'incompetent_over_third',
		kind: 'threshold',
		operand: 'incompetent',
		fraction: rational(1, 3),
		comparison: 'over',
		denominator: 'valid',
		consequences: ['removal_considered']
	};
	const [outcome] = evaluateRules(
		{
			campaignId: 'c',
			rankings: {},
			tallies: { main: { 1: choiceTally(scale, { excellent: 10, competent: 9, incompetent: 10 }) } }
		},
		[rule]
	);

	it('names the options, the count, the share, the denominator and the test', () => {
		zh();
		expect(describeTrigger(stored(outcome), look())).toBe(
			'不称职 10/29（34.48%，分母为有效票），超过（>） 1/3'
		);
		en();
		expect(describeTrigger(stored(outcome), look())).toBe(
			'Incompetent: 10 of 29 (34.48%, out of valid answers), over (>) 1/3'
		);
	});

	it('lists several options in the reader language', () => {
		const numbers = { ...stored(outcome), optionKeys: ['basically_competent', 'incompetent'] };
		zh();
		expect(describeTrigger(numbers, look())).toMatch(/^基本称职、不称职 10\/29/);
		en();
		expect(describeTrigger(numbers, look())).toMatch(/^Basically competent and Incompetent: /);
	});
});

describe('a trigger of a kind this page does not know', () => {
	it('lists its numbers key by key rather than hiding them', () => {
		expect(describeTrigger({ kind: 'quota', seats: 3, ids: [1, 2] }, look())).toBe(
			'kind quota · seats 3 · ids 1/2'
		);
	});
});

import { describe, expect, it } from 'vitest';
import { fromInt } from './rational';
import { rankSubjects } from './rank';
import {
	campaignKinds,
	consequenceLabels,
	ruleTemplates,
	rulesFromTemplate
} from './rule-templates';
import { consequences, evaluateRules } from './rules';
import { competenceScale, resolveOptionKeys } from './scale';
import { choiceTally } from './tally';

describe('rule templates', () => {
	it('ships a template for each of the five campaign kinds, with unique ids', () => {
		expect(Object.keys(ruleTemplates).sort()).toEqual([...campaignKinds].sort());
		for (const kind of campaignKinds) {
			const ids = ruleTemplates[kind].map((rule) => rule.id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('labels every consequence in Chinese and English', () => {
		for (const consequence of consequences) {
			expect(consequenceLabels[consequence].zh).not.toBe('');
			expect(consequenceLabels[consequence].en).not.toBe('');
		}
	});

	it('uses operands that exist on the democratic assessment scale', () => {
		for (const rule of ruleTemplates.democratic_assessment) {
			if (rule.kind === 'threshold')
				expect(resolveOptionKeys(competenceScale(), rule.operand).length).toBeGreaterThan(0);
		}
	});

	it('hands out an independent copy that evaluates over a unit ranking', () => {
		const rules = rulesFromTemplate('unit_evaluation');
		rules[1] = { ...rules[1], rectificationDays: 45 };
		expect(ruleTemplates.unit_evaluation[1].rectificationDays).toBe(90);
		const ranked = rankSubjects(
			['a', 'b', 'c', 'd', 'e'].map((subject, i) => ({ subject, value: fromInt(90 - i) }))
		);
		const outcomes = evaluateRules({ campaignId: 'c', rankings: { main: ranked } }, rules);
		expect(outcomes.map((o) => [o.ruleId, o.subject, o.rectificationDays])).toEqual([
			['last_place', 'e', null],
			['bottom_three', 'c', 45],
			['bottom_three', 'd', 45],
			['bottom_three', 'e', 45]
		]);
	});

	it('gives a yellow card at exactly one third 不称职 and proposes removal only over it', () => {
		const tallies = {
			main: {
				x: choiceTally(competenceScale(), {
					excellent: 3,
					competent: 2,
					basically_competent: 1,
					incompetent: 3
				})
			}
		};
		const outcomes = evaluateRules(
			{ campaignId: 'c', rankings: {}, tallies },
			rulesFromTemplate('democratic_assessment')
		);
		expect(outcomes.map((o) => o.ruleId)).toEqual(['yellow_card', 'competent_below_two_thirds']);
	});
});

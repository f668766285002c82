/**
 * The rules editor's form: one row of fields per rule (`rule-<i>-<field>`), plus an empty row to
 * add one. Rows go to `rawRulesFromRows` and then `parseRules`, which names every problem.
 */
import { toFractionString, type ConsequenceRule, type RuleFormRow } from '$lib/domain/scoring';

/** At most this many rows are read from a form (the parser refuses more than 20 rules). */
const maxRows = 40;

export function rowOf(rule: ConsequenceRule): RuleFormRow {
	const common = {
		remove: false,
		id: rule.id,
		kind: rule.kind,
		consequences: [...rule.consequences],
		rectificationDays: rule.rectificationDays === undefined ? '' : String(rule.rectificationDays)
	};
	if (rule.kind === 'threshold')
		return {
			...common,
			n: '',
			ranking: '',
			onlyAny: false,
			operand: typeof rule.operand === 'string' ? rule.operand : rule.operand.join(' + '),
			fraction: toFractionString(rule.fraction),
			comparison: rule.comparison,
			denominator: rule.denominator,
			minDenominator: rule.minDenominator === undefined ? '' : String(rule.minDenominator)
		};
	return {
		...common,
		n: rule.n === undefined ? '' : String(rule.n),
		ranking: rule.ranking ?? 'main',
		onlyAny: rule.only !== undefined,
		operand: '',
		fraction: '',
		comparison: '',
		denominator: '',
		minDenominator: ''
	};
}

export const blankRow: RuleFormRow = {
	remove: false,
	id: '',
	kind: '',
	n: '',
	ranking: 'main',
	onlyAny: false,
	operand: '',
	fraction: '',
	comparison: 'at-least',
	denominator: 'valid',
	minDenominator: '',
	consequences: [],
	rectificationDays: ''
};

/** The rows a submitted editor form holds, exactly as typed (trimmed and length-capped). */
export function rowsFromForm(form: FormData): RuleFormRow[] {
	const count = Math.min(Number(form.get('rows')) || 0, maxRows);
	const text = (name: string) => String(form.get(name) ?? '').slice(0, 200);
	const rows: RuleFormRow[] = [];
	for (let i = 0; i < count; i++) {
		const at = (field: string) => `rule-${i}-${field}`;
		rows.push({
			remove: form.get(at('remove')) === 'on',
			id: text(at('id')),
			kind: text(at('kind')),
			n: text(at('n')),
			ranking: text(at('ranking')),
			onlyAny: form.get(at('onlyAny')) === 'on',
			operand: text(at('operand')),
			fraction: text(at('fraction')),
			comparison: text(at('comparison')),
			denominator: text(at('denominator')),
			minDenominator: text(at('minDenominator')),
			consequences: form
				.getAll(at('consequences'))
				.map((v) => String(v).slice(0, 60))
				.slice(0, 20),
			rectificationDays: text(at('rectificationDays'))
		});
	}
	return rows;
}

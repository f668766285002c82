/**
 * Consequence rules as stored data: the boundary where a campaign's (or a ranking group's) edited
 * rules are read back and checked. Stored form is plain JSON with rationals as "num/den" text (the
 * same text the results snapshot holds); `parseRules` turns it into engine rules or lists every
 * problem found, so nothing invalid is ever written or evaluated.
 */
import { compare, fromDecimal, fromFractionString, ONE, ZERO, type Rational } from './rational';
import { rationalReplacer } from './rational';
import { consequences, type Comparison, type Consequence, type ConsequenceRule } from './rules';
import type { DenominatorKind } from './tally';

export const ruleKinds = ['last-place', 'bottom', 'top', 'threshold'] as const;
export type RuleKind = (typeof ruleKinds)[number];
export const comparisons: readonly Comparison[] = ['over', 'at-least', 'below', 'at-most'];
export const denominatorKinds: readonly DenominatorKind[] = ['valid', 'returned', 'expected'];
/** Named option sets a threshold's operand may refer to (docs/SCORING.md §2). */
export const operandSets = [
	'incompetent',
	'belowCompetent',
	'competentOrAbove',
	'excellent',
	'dissatisfied',
	'satisfied',
	'negative',
	'positive',
	'notEndorsed',
	'endorsed'
] as const;

export const maxRules = 20;
export const maxPlaces = 1000;
export const maxRectificationDays = 3650;

export type RuleIssueCode =
	| 'not_a_list'
	| 'too_many'
	| 'not_an_object'
	| 'id'
	| 'duplicate_id'
	| 'kind'
	| 'kind_not_allowed'
	| 'places'
	| 'ranking'
	| 'only'
	| 'operand'
	| 'fraction'
	| 'comparison'
	| 'denominator'
	| 'min_denominator'
	| 'consequences'
	| 'rectification_days'
	| 'label';

/** One problem: which rule (0-based; -1 for the list itself) and which field. */
export interface RuleIssue {
	index: number;
	code: RuleIssueCode;
}

export interface RuleLimits {
	/** Rankings a rank rule may name; the first is the default. */
	rankings: readonly string[];
	/** Whether threshold rules are allowed (a ranking group has no tallies to test). */
	thresholds: boolean;
}

export const campaignRuleLimits = (rankings: readonly string[]): RuleLimits => ({
	rankings,
	thresholds: true
});
export const groupRuleLimits: RuleLimits = { rankings: ['main'], thresholds: false };

export type ParsedRules =
	{ ok: true; rules: ConsequenceRule[] } | { ok: false; issues: RuleIssue[] };

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function wholeIn(value: unknown, min: number, max: number): number | null {
	const n = typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value;
	return typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** "1/3", "0.5", "2/3" or a number: a rational; null when it is none of those. */
export function parseFraction(value: unknown): Rational | null {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		return fromDecimal(value);
	}
	if (typeof value !== 'string' || value.length > 40) return null;
	const text = value.trim();
	try {
		if (/^\d+\s*\/\s*\d+$/.test(text)) {
			const [num, den] = text.split('/').map((part) => part.trim());
			if (/^0+$/.test(den)) return null;
			return fromFractionString(`${BigInt(num)}/${BigInt(den)}`);
		}
		if (/^\d+(\.\d+)?$/.test(text)) return fromDecimal(text);
	} catch {
		return null;
	}
	return null;
}

function labelOf(value: unknown): { zh: string; en: string } | undefined | null {
	if (value === undefined) return undefined;
	if (!isObject(value)) return null;
	const { zh, en } = value;
	if (typeof zh !== 'string' || typeof en !== 'string') return null;
	if (zh.length > 100 || en.length > 100) return null;
	return { zh, en };
}

const idPattern = /^[a-z][a-z0-9_]{0,39}$/;
const optionKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;

function parseOne(raw: unknown, index: number, limits: RuleLimits, issues: RuleIssue[]) {
	const issue = (code: RuleIssueCode) => issues.push({ index, code });
	if (!isObject(raw)) {
		issue('not_an_object');
		return null;
	}
	const before = issues.length;
	const id = typeof raw.id === 'string' && idPattern.test(raw.id) ? raw.id : null;
	if (!id) issue('id');
	const kind = ruleKinds.find((k) => k === raw.kind) ?? null;
	if (!kind) issue('kind');
	else if (kind === 'threshold' && !limits.thresholds) issue('kind_not_allowed');
	const list = Array.isArray(raw.consequences) ? raw.consequences : null;
	const chosen = list?.filter((c): c is Consequence =>
		(consequences as readonly unknown[]).includes(c)
	);
	if (!list || !chosen || chosen.length === 0 || chosen.length !== list.length)
		issue('consequences');
	else if (new Set(chosen).size !== chosen.length) issue('consequences');
	let rectificationDays: number | undefined;
	if (raw.rectificationDays !== undefined && raw.rectificationDays !== null) {
		const days = wholeIn(raw.rectificationDays, 1, maxRectificationDays);
		if (days === null) issue('rectification_days');
		else rectificationDays = days;
	}
	const label = labelOf(raw.label);
	if (label === null) issue('label');
	const provenance =
		isObject(raw.provenance) &&
		(raw.provenance.kind === 'stated' || raw.provenance.kind === 'inference') &&
		typeof raw.provenance.note === 'string'
			? { kind: raw.provenance.kind, note: raw.provenance.note.slice(0, 300) }
			: undefined;
	const base = {
		id: id ?? '',
		...(label ? { label } : {}),
		consequences: chosen ?? [],
		...(rectificationDays !== undefined ? { rectificationDays } : {}),
		...(provenance ? { provenance } : {})
	};
	if (kind === null || (kind === 'threshold' && !limits.thresholds)) return null;
	if (kind === 'threshold') {
		const rule = parseThreshold(raw, issue);
		return issues.length > before || !rule ? null : ({ ...base, ...rule } as ConsequenceRule);
	}
	const rank = parseRank(raw, kind, limits, issue);
	return issues.length > before || !rank ? null : ({ ...base, ...rank } as ConsequenceRule);
}

function parseRank(
	raw: Raw,
	kind: 'last-place' | 'bottom' | 'top',
	limits: RuleLimits,
	issue: (code: RuleIssueCode) => void
) {
	let n: number | undefined;
	if (kind !== 'last-place') {
		const places = wholeIn(raw.n, 1, maxPlaces);
		if (places === null) issue('places');
		else n = places;
	} else if (raw.n !== undefined && raw.n !== null && wholeIn(raw.n, 1, 1) === null)
		issue('places');
	let ranking: string | undefined;
	if (raw.ranking !== undefined && raw.ranking !== null) {
		if (typeof raw.ranking !== 'string' || !limits.rankings.includes(raw.ranking)) issue('ranking');
		else if (raw.ranking !== 'main') ranking = raw.ranking;
	}
	let only: { comparison: Comparison; value: Rational } | undefined;
	if (raw.only !== undefined && raw.only !== null) {
		const comparison = isObject(raw.only)
			? comparisons.find((c) => c === (raw.only as Raw).comparison)
			: undefined;
		const value = isObject(raw.only) ? parseFraction(raw.only.value) : null;
		if (!comparison || value === null) issue('only');
		else only = { comparison, value };
	}
	return {
		kind,
		...(n !== undefined ? { n } : {}),
		...(ranking ? { ranking } : {}),
		...(only ? { only } : {})
	};
}

function parseThreshold(raw: Raw, issue: (code: RuleIssueCode) => void) {
	let operand: string | string[] | null = null;
	if (typeof raw.operand === 'string' && (operandSets as readonly string[]).includes(raw.operand))
		operand = raw.operand;
	else if (
		Array.isArray(raw.operand) &&
		raw.operand.length > 0 &&
		raw.operand.length <= 10 &&
		raw.operand.every((key) => typeof key === 'string' && optionKeyPattern.test(key)) &&
		new Set(raw.operand).size === raw.operand.length
	)
		operand = [...(raw.operand as string[])];
	if (operand === null) issue('operand');
	const fraction = parseFraction(raw.fraction);
	if (fraction === null || compare(fraction, ZERO) < 0 || compare(fraction, ONE) > 0)
		issue('fraction');
	const comparison = comparisons.find((c) => c === raw.comparison);
	if (!comparison) issue('comparison');
	const denominator = denominatorKinds.find((d) => d === raw.denominator);
	if (!denominator) issue('denominator');
	let minDenominator: number | undefined;
	if (raw.minDenominator !== undefined && raw.minDenominator !== null) {
		const min = wholeIn(raw.minDenominator, 1, 1_000_000);
		if (min === null) issue('min_denominator');
		else minDenominator = min;
	}
	if (raw.item !== undefined && raw.item !== 'main') issue('operand');
	if (operand === null || !fraction || !comparison || !denominator) return null;
	return {
		kind: 'threshold' as const,
		operand,
		fraction,
		comparison,
		denominator,
		...(minDenominator !== undefined ? { minDenominator } : {})
	};
}

/** Checks a whole list of rules; on any problem, returns every problem and no rules. */
export function parseRules(input: unknown, limits: RuleLimits): ParsedRules {
	if (!Array.isArray(input)) return { ok: false, issues: [{ index: -1, code: 'not_a_list' }] };
	if (input.length > maxRules) return { ok: false, issues: [{ index: -1, code: 'too_many' }] };
	const issues: RuleIssue[] = [];
	const rules = input.map((raw, index) => parseOne(raw, index, limits, issues));
	const seen = new Set<string>();
	input.forEach((raw, index) => {
		const id = isObject(raw) ? raw.id : undefined;
		if (typeof id !== 'string') return;
		if (seen.has(id)) issues.push({ index, code: 'duplicate_id' });
		seen.add(id);
	});
	if (issues.length > 0) return { ok: false, issues };
	return { ok: true, rules: rules as ConsequenceRule[] };
}

/** The stored (JSON) form of rules: rationals as "num/den" text, exactly as the snapshot has them. */
export function serializeRules(rules: readonly ConsequenceRule[]): unknown[] {
	return JSON.parse(JSON.stringify(rules, rationalReplacer)) as unknown[];
}

/** The rankings a campaign kind's rank rules may name. */
export function rankingsOfKind(kind: string): readonly string[] {
	return kind === 'top_bottom_ten' ? ['main', 'best', 'worst'] : ['main'];
}

/** JSON with object keys sorted at every depth, so equal rules give equal text. */
function sortedJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
	if (value !== null && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${sortedJson((value as Raw)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

/**
 * A rule edited in a form loses the template's provenance and label unless it is unchanged from
 * the template rule with the same id (then both are kept, so an unedited rule stays attributed).
 */
export function attributeRules(
	rules: readonly ConsequenceRule[],
	template: readonly ConsequenceRule[]
): ConsequenceRule[] {
	const bare = (rule: ConsequenceRule) => {
		const { provenance: _p, label: _l, ...rest } = rule;
		return sortedJson(serializeRules([rest as ConsequenceRule]));
	};
	return rules.map((rule) => {
		const original = template.find((t) => t.id === rule.id);
		if (!original || bare(original) !== bare(rule)) {
			const { provenance: _p, ...rest } = rule;
			return rest as ConsequenceRule;
		}
		return {
			...rule,
			...(original.label ? { label: original.label } : {}),
			...(original.provenance ? { provenance: original.provenance } : {})
		};
	});
}

/** Form field text (one row per rule) to the raw stored form `parseRules` checks. */
export interface RuleFormRow {
	remove: boolean;
	id: string;
	kind: string;
	n: string;
	ranking: string;
	onlyAny: boolean;
	operand: string;
	fraction: string;
	comparison: string;
	denominator: string;
	minDenominator: string;
	consequences: string[];
	rectificationDays: string;
}

/**
 * Rows of the editor form to raw rules. Empty rows (no id and no kind) are skipped, rows marked
 * "remove" are dropped; everything else is passed on as typed so `parseRules` names the problem.
 */
export function rawRulesFromRows(rows: readonly RuleFormRow[]): unknown[] {
	return rows
		.filter((row) => !row.remove && (row.id.trim() !== '' || row.kind.trim() !== ''))
		.map((row) => {
			const kind = row.kind.trim();
			const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
			const common = {
				id: row.id.trim(),
				kind,
				consequences: row.consequences,
				rectificationDays: optional(row.rectificationDays)
			};
			if (kind === 'threshold') {
				const operand = row.operand.trim();
				return {
					...common,
					operand:
						operand.includes(',') || operand.includes('+')
							? operand
									.split(/[,+]/)
									.map((key) => key.trim())
									.filter(Boolean)
							: (operandSets as readonly string[]).includes(operand)
								? operand
								: operand === ''
									? undefined
									: [operand],
					fraction: row.fraction.trim(),
					comparison: row.comparison.trim(),
					denominator: row.denominator.trim(),
					minDenominator: optional(row.minDenominator)
				};
			}
			return {
				...common,
				n: kind === 'last-place' ? undefined : row.n.trim(),
				ranking: optional(row.ranking),
				only: row.onlyAny ? { comparison: 'over', value: '0' } : undefined
			};
		});
}

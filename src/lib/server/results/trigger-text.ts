/**
 * What triggered a proposed outcome, as a sentence in the reader's language: the numbers a rule
 * recorded (`outcome.numbers`, a copy of the snapshot's trigger with rationals as "num/den") with
 * subject names instead of ids and figures shown with the campaign's rounding, e.g.
 * "共 6 名，排第 1 名（倒数第 1 名），得分 72.00；与 乙局、丙局 并列". Nothing here changes a number.
 */
import type { Label } from '$lib/domain/campaign-scale';
import { formatList } from '$lib/domain/list-format';
import {
	displayScore,
	fromFractionString,
	toFractionString,
	toPercentString,
	type Comparison,
	type DenominatorKind,
	type Rational,
	type Rounding
} from '$lib/domain/scoring';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { PublishedSnapshot } from './snapshot';

export interface TriggerLookups {
	/** What the ranking orders by: the campaign's (a group's members share it). */
	basis: 'score' | 'rate' | 'picks';
	scoreRounding: Rounding;
	rateRounding: Rounding;
	/** A subject's name from the id a trigger names (a subject id, or `campaign:subject` in a group). */
	subjectName: (id: string) => string;
	/** An answer option's label from its key, when the campaign's questions have it. */
	optionLabel: (key: string) => Label | null;
}

const comparisonText: Record<Comparison, () => string> = {
	over: m.results_cmp_over,
	'at-least': m.results_cmp_at_least,
	below: m.results_cmp_below,
	'at-most': m.results_cmp_at_most
};

const denominatorText: Record<DenominatorKind, () => string> = {
	expected: m.results_denominator_expected,
	returned: m.results_denominator_returned,
	valid: m.results_denominator_valid
};

/** A rational as stored ("2109/25", "72") or a plain number; null when it is neither. */
function rationalOf(value: unknown): Rational | null {
	if (typeof value === 'number' && Number.isSafeInteger(value))
		return fromFractionString(`${value}`);
	if (typeof value !== 'string') return null;
	try {
		return fromFractionString(value);
	} catch {
		return null;
	}
}

const count = (value: unknown) => (typeof value === 'number' ? String(value) : '?');
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** The ranked figure with its name: "得分 72.00", "rate 85.00%", "12 picks". */
function figureText(value: unknown, look: TriggerLookups): string {
	const exact = rationalOf(value);
	if (exact === null) return m.results_trigger_score({ value: String(value ?? '?') });
	if (look.basis === 'picks') return m.results_trigger_picks({ value: toFractionString(exact) });
	if (look.basis === 'rate') {
		const { precision, mode } = look.rateRounding;
		return m.results_trigger_rate({ value: toPercentString(exact, precision, mode) });
	}
	return m.results_trigger_score({ value: displayScore(exact, look.scoreRounding) ?? '?' });
}

function rankText(numbers: Record<string, unknown>, look: TriggerLookups, locale: string): string {
	const parts = [
		m.results_trigger_rank({
			position: count(numbers.position),
			of: count(numbers.of),
			fromBottom: count(numbers.positionFromBottom),
			figure: figureText(numbers.value, look)
		})
	];
	const tied = list(numbers.tiedWith);
	if (tied.length > 0)
		parts.push(m.results_tied_with({ names: formatList(tied.map(look.subjectName), locale) }));
	if (numbers.tiedAtBoundary === true)
		parts.push(
			m.results_trigger_boundary({
				places: count(numbers.places),
				selected: count(numbers.selected)
			})
		);
	return parts.join(locale.startsWith('zh') ? '；' : '; ');
}

function thresholdText(numbers: Record<string, unknown>, look: TriggerLookups, locale: string) {
	const zh = locale.startsWith('zh');
	const options = list(numbers.optionKeys).map((key) => {
		const label = look.optionLabel(key);
		return label ? (zh ? label.zh : label.en) : key;
	});
	const comparison = comparisonText[numbers.comparison as Comparison];
	const denominator = denominatorText[numbers.denominatorKind as DenominatorKind];
	const fraction = rationalOf(numbers.fraction);
	return m.results_trigger_threshold({
		options: formatList(options, locale),
		numerator: count(numbers.numerator),
		denominator: count(numbers.denominator),
		percent: typeof numbers.percent === 'string' ? numbers.percent : '—',
		denominatorKind: denominator ? denominator() : String(numbers.denominatorKind ?? '?'),
		comparison: comparison ? comparison() : String(numbers.comparison ?? '?'),
		fraction: fraction ? toFractionString(fraction) : String(numbers.fraction ?? '?')
	});
}

/**
 * The trigger of an outcome as one sentence. Rules produce two kinds, `rank` and `threshold`;
 * anything else (a future kind read by an older page) is listed key by key rather than hidden.
 */
export function describeTrigger(numbers: Record<string, unknown>, look: TriggerLookups): string {
	const locale = getLocale();
	if (numbers.kind === 'rank') return rankText(numbers, look, locale);
	if (numbers.kind === 'threshold') return thresholdText(numbers, look, locale);
	return Object.entries(numbers)
		.map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('/') : String(value)}`)
		.join(' · ');
}

/**
 * Lookups from a campaign's snapshot and, for outcomes of a ranking group (their ids are
 * `campaign:subject`), the group's frozen ranking, whose labels name the members' districts.
 */
export function triggerLookups(
	snapshot: PublishedSnapshot,
	groupRanking: readonly { key: string; label: string }[] = []
): TriggerLookups {
	const subjects = new Map(snapshot.subjects.map((s) => [String(s.id), s.label]));
	const members = new Map(groupRanking.map((s) => [s.key, s.label]));
	const options = new Map(
		snapshot.questions.flatMap((q) => q.options.map((o) => [o.key, o.label] as const)).reverse()
	);
	return {
		basis: snapshot.basis,
		scoreRounding: snapshot.settings.scoreRounding,
		rateRounding: snapshot.settings.rateRounding,
		subjectName: (id) => members.get(id) ?? subjects.get(id) ?? id,
		optionLabel: (key) => options.get(key) ?? null
	};
}

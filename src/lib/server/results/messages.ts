/** Refusals of the results layer in the request's language. */
import { m } from '$lib/paraglide/messages';
import type { OutcomeRefusal } from './outcomes';
import type { PublishRefusal } from './publish';
import type { RectificationRefusal } from './rectification';

export function publishMessage(refusal: PublishRefusal): string {
	if (refusal === 'not_found') return m.results_error_not_found();
	if (refusal === 'test_mode') return m.results_error_test_mode();
	return m.results_error_not_closed();
}

export function outcomeMessage(refusal: OutcomeRefusal): string {
	if (refusal === 'not_found') return m.results_error_outcome_not_found();
	if (refusal === 'already_decided') return m.results_error_already_decided();
	if (refusal === 'reason_required') return m.results_error_reason_required();
	return m.results_error_text_required();
}

export function rectificationMessage(refusal: RectificationRefusal): string {
	if (refusal === 'not_found') return m.results_rect_error_not_found();
	if (refusal === 'closed') return m.results_rect_error_closed();
	if (refusal === 'too_large') return m.results_rect_error_too_large();
	if (refusal === 'empty') return m.results_rect_error_empty();
	return m.results_rect_error_not_allowed();
}

const ruleNames: Record<string, () => string> = {
	last_place: m.results_rule_last_place,
	bottom_three: m.results_rule_bottom_three,
	top_ten: m.results_rule_top_ten,
	bottom_ten: m.results_rule_bottom_ten,
	yellow_card: m.results_rule_yellow_card,
	incompetent_over_third: m.results_rule_incompetent_over_third,
	competent_below_two_thirds: m.results_rule_competent_below_two_thirds
};

/** A rule's name for people; a rule staff added themselves shows its id. */
export function ruleName(id: string): string {
	return ruleNames[id]?.() ?? id;
}

/** Refusals of the results layer in the request's language. */
import { m } from '$lib/paraglide/messages';
import type { InterviewCapRule, RuleIssue, RuleIssueCode } from '$lib/domain/scoring';
import type { GroupRefusal } from './groups';
import type { InterviewRefusal } from './interviews';
import type { OutcomeRefusal } from './outcomes';
import type { PublishError } from './publish';
import type { RectificationRefusal } from './rectification';

export function publishMessage({ refusal, sheets }: PublishError): string {
	if (refusal === 'not_found') return m.results_error_not_found();
	if (refusal === 'test_mode') return m.results_error_test_mode();
	if (refusal === 'paper_unresolved')
		return m.results_error_paper_unresolved({
			awaiting: sheets?.awaiting ?? 0,
			mismatch: sheets?.mismatch ?? 0
		});
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

/**
 * A rule's name for people; a rule staff added themselves shows its id. A ranking group's rule,
 * recorded on a member campaign as `group:<groupId>:<ruleId>`, names the group too.
 */
export function ruleName(id: string): string {
	const group = /^group:(\d+):(.+)$/.exec(id);
	if (group) return m.results_rule_group({ group: `#${group[1]}`, rule: ruleName(group[2]) });
	return ruleNames[id]?.() ?? id;
}

const issueText: Record<Exclude<RuleIssueCode, 'not_a_list' | 'too_many'>, () => string> = {
	not_an_object: m.results_rules_issue_not_an_object,
	id: m.results_rules_issue_id,
	duplicate_id: m.results_rules_issue_duplicate_id,
	kind: m.results_rules_issue_kind,
	kind_not_allowed: m.results_rules_issue_kind_not_allowed,
	places: m.results_rules_issue_places,
	ranking: m.results_rules_issue_ranking,
	only: m.results_rules_issue_only,
	operand: m.results_rules_issue_operand,
	fraction: m.results_rules_issue_fraction,
	comparison: m.results_rules_issue_comparison,
	denominator: m.results_rules_issue_denominator,
	min_denominator: m.results_rules_issue_min_denominator,
	consequences: m.results_rules_issue_consequences,
	rectification_days: m.results_rules_issue_rectification_days,
	label: m.results_rules_issue_label
};

/** Each problem of an edited rule list as a sentence ("Rule 2: places must be …"). */
export function ruleIssueMessages(issues: readonly RuleIssue[]): string[] {
	return issues.map((issue) => {
		if (issue.code === 'not_a_list') return m.results_rules_issue_list();
		if (issue.code === 'too_many') return m.results_rules_issue_too_many();
		return m.results_rules_issue({ n: issue.index + 1, problem: issueText[issue.code]() });
	});
}

const interviewText: Record<InterviewRefusal, () => string> = {
	kind: m.results_iv_error_kind,
	cadre: m.results_iv_error_cadre,
	unit: m.results_iv_error_unit,
	date: m.results_iv_error_date,
	year: m.results_iv_error_year,
	reason: m.results_iv_error_reason,
	outside_scope: m.results_iv_error_outside_scope,
	not_found: m.results_iv_error_not_found
};

export function interviewMessage(refusal: InterviewRefusal): string {
	return interviewText[refusal]();
}

const groupText: Record<GroupRefusal, () => string> = {
	not_found: m.results_group_error_not_found,
	title: m.results_group_error_title,
	kind: m.results_group_error_kind,
	year: m.results_group_error_year,
	region: m.results_group_error_region,
	frozen: m.results_group_error_frozen,
	campaign_not_found: m.results_group_error_campaign_not_found,
	wrong_kind: m.results_group_error_wrong_kind,
	wrong_year: m.results_group_error_wrong_year,
	outside_region: m.results_group_error_outside_region,
	already_member: m.results_group_error_already_member,
	not_member: m.results_group_error_not_member,
	too_few_members: m.results_group_error_too_few_members,
	not_all_published: m.results_group_error_not_all_published,
	mixed_basis: m.results_group_error_mixed_basis,
	invalid_rules: m.results_group_error_invalid_rules
};

export function groupMessage(refusal: GroupRefusal): string {
	return groupText[refusal]();
}

const capText: Record<InterviewCapRule, () => string> = {
	cadre_interviewed_once: m.results_cap_cadre_interviewed_once,
	cadre_interviewed_twice: m.results_cap_cadre_interviewed_twice,
	team_interviewed_twice: m.results_cap_team_interviewed_twice,
	team_interviewed_three_times: m.results_cap_team_interviewed_three_times,
	head_of_team_interviewed_twice: m.results_cap_head_of_team_interviewed_twice
};

export function capRuleName(rule: InterviewCapRule | null): string {
	return rule ? capText[rule]() : m.results_ar_no_cap();
}

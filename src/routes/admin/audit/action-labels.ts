/**
 * Names of the actions the audit trail records (every `recordAuditEvent` in the app), in the
 * reader's language. The raw key stays on the page for auditors; an action missing here shows
 * only its key (and `action-labels.test.ts` fails until it is named).
 */
import { m } from '$lib/paraglide/messages';

export const actionLabels: Record<string, () => string> = {
	'auth.sign_in': m.admin_action_auth_sign_in,
	'auth.sign_in_failed': m.admin_action_auth_sign_in_failed,
	'auth.sign_out': m.admin_action_auth_sign_out,
	'auth.user_create': m.admin_action_auth_user_create,
	'auth.user_disable': m.admin_action_auth_user_disable,
	'auth.user_enable': m.admin_action_auth_user_enable,
	'auth.role_grant': m.admin_action_auth_role_grant,
	'auth.role_revoke': m.admin_action_auth_role_revoke,
	'auth.sessions_revoke': m.admin_action_auth_sessions_revoke,
	'auth.password_change': m.admin_action_auth_password_change,
	'auth.code_issue': m.admin_action_auth_code_issue,
	'auth.code_revoke': m.admin_action_auth_code_revoke,
	'auth.code_use': m.admin_action_auth_code_use,
	'region.create': m.admin_action_region_create,
	'region.update': m.admin_action_region_update,
	'region.import': m.admin_action_region_import,
	'region.archive': m.admin_action_region_archive,
	'region.unarchive': m.admin_action_region_unarchive,
	'unit.create': m.admin_action_unit_create,
	'unit.update': m.admin_action_unit_update,
	'unit.import': m.admin_action_unit_import,
	'unit.archive': m.admin_action_unit_archive,
	'unit.unarchive': m.admin_action_unit_unarchive,
	'cadre.create': m.admin_action_cadre_create,
	'cadre.update': m.admin_action_cadre_update,
	'cadre.import': m.admin_action_cadre_import,
	'cadre.archive': m.admin_action_cadre_archive,
	'cadre.unarchive': m.admin_action_cadre_unarchive,
	'jury.apply': m.admin_action_jury_apply,
	'jury.recommend': m.admin_action_jury_recommend,
	'jury.import': m.admin_action_jury_import,
	'jury.review_approve': m.admin_action_jury_review_approve,
	'jury.review_reject': m.admin_action_jury_review_reject,
	'jury.review_request_info': m.admin_action_jury_review_request_info,
	'jury.appoint': m.admin_action_jury_appoint,
	'jury.renew': m.admin_action_jury_renew,
	'jury.withdrawn': m.admin_action_jury_withdrawn,
	'jury.dismissed': m.admin_action_jury_dismissed,
	'jury.terms_expire': m.admin_action_jury_terms_expire,
	'jury.settings_update': m.admin_action_jury_settings_update,
	'jury.draw_commit': m.admin_action_jury_draw_commit,
	'jury.draw_reveal': m.admin_action_jury_draw_reveal,
	'campaign.create': m.admin_action_campaign_create,
	'campaign.update': m.admin_action_campaign_update,
	'campaign.question_update': m.admin_action_campaign_question_update,
	'campaign.subject_add': m.admin_action_campaign_subject_add,
	'campaign.subject_remove': m.admin_action_campaign_subject_remove,
	'campaign.tier_weights': m.admin_action_campaign_tier_weights,
	'campaign.electorate_set': m.admin_action_campaign_electorate_set,
	'campaign.cards_print': m.admin_action_campaign_cards_print,
	'campaign.go_live': m.admin_action_campaign_go_live,
	'campaign.draft': m.admin_action_campaign_draft,
	'campaign.open': m.admin_action_campaign_open,
	'campaign.closed': m.admin_action_campaign_closed,
	'campaign.published': m.admin_action_campaign_published,
	'campaign.archived': m.admin_action_campaign_archived,
	'campaign.paper_first': m.admin_action_campaign_paper_first,
	'campaign.paper_accepted': m.admin_action_campaign_paper_accepted,
	'campaign.paper_mismatch': m.admin_action_campaign_paper_mismatch,
	'campaign.paper_discard_first': m.admin_action_campaign_paper_discard_first,
	'campaign.paper_discard_second': m.admin_action_campaign_paper_discard_second,
	'campaign.paper_void_sheet': m.admin_action_campaign_paper_void_sheet,
	'results.publish': m.admin_action_results_publish,
	'results.rules_update': m.admin_action_results_rules_update,
	'results.rules_reset': m.admin_action_results_rules_reset,
	'outcome.annotate': m.admin_action_outcome_annotate,
	'outcome.confirm': m.admin_action_outcome_confirm,
	'outcome.overturn': m.admin_action_outcome_overturn,
	'interview.record': m.admin_action_interview_record,
	'interview.delete': m.admin_action_interview_delete,
	'rectification.open': m.admin_action_rectification_open,
	'rectification.note': m.admin_action_rectification_note,
	'rectification.problems': m.admin_action_rectification_problems,
	'rectification.submit': m.admin_action_rectification_submit,
	'rectification.close': m.admin_action_rectification_close,
	'ranking_group.create': m.admin_action_ranking_group_create,
	'ranking_group.member_add': m.admin_action_ranking_group_member_add,
	'ranking_group.member_remove': m.admin_action_ranking_group_member_remove,
	'ranking_group.publish': m.admin_action_ranking_group_publish,
	'ranking_group.rules_update': m.admin_action_ranking_group_rules_update,
	'live.policy': m.admin_action_live_policy,
	'live.reveal_next': m.admin_action_live_reveal_next,
	'live.freeze': m.admin_action_live_freeze,
	'live.unfreeze': m.admin_action_live_unfreeze,
	'live.rehearsal_start': m.admin_action_live_rehearsal_start,
	'live.rehearsal_add': m.admin_action_live_rehearsal_add,
	'live.rehearsal_stop': m.admin_action_live_rehearsal_stop,
	'live.audience_open': m.admin_action_live_audience_open,
	'live.audience_close': m.admin_action_live_audience_close,
	'live.audience_count_with_jury': m.admin_action_live_audience_count_with_jury,
	'trends.import': m.admin_action_trends_import,
	'trends.demo_seed': m.admin_action_trends_demo_seed,
	'trends.scale_seed': m.admin_action_trends_scale_seed,
	'demo.seed': m.admin_action_demo_seed
};

export const subjectLabels: Record<string, () => string> = {
	user: m.admin_subject_user,
	juror: m.admin_subject_juror,
	draw: m.admin_subject_draw,
	campaign: m.admin_subject_campaign,
	region: m.admin_subject_region,
	unit: m.admin_subject_unit,
	cadre: m.admin_subject_cadre,
	import_batch: m.admin_subject_import_batch,
	interview: m.admin_subject_interview,
	jury_setting: m.admin_subject_jury_setting,
	outcome: m.admin_subject_outcome,
	ranking_group: m.admin_subject_ranking_group,
	rectification: m.admin_subject_rectification
};

/** The action's name, or null when the app has none for it (the key is shown instead). */
export function actionLabel(action: string): string | null {
	return actionLabels[action]?.() ?? null;
}

export function subjectLabel(subjectType: string): string {
	return subjectLabels[subjectType]?.() ?? subjectType;
}

const areaLabels: Record<string, () => string> = {
	auth: m.admin_area_auth,
	jury: m.admin_area_jury,
	campaign: m.admin_area_campaign,
	results: m.admin_area_results,
	live: m.admin_area_live,
	trends: m.admin_area_trends,
	demo: m.admin_area_trends
};

export interface ActionGroup {
	/** The key's first part and a dot, e.g. "auth."; filtering by it takes the whole area. */
	prefix: string;
	label: string;
	actions: { key: string; label: string }[];
}

/** The actions for the filter, grouped by the first part of their key, in the order named above. */
export function actionGroups(): ActionGroup[] {
	const groups = new Map<string, ActionGroup>();
	for (const [key, label] of Object.entries(actionLabels)) {
		const area = key.slice(0, key.indexOf('.'));
		let group = groups.get(area);
		if (!group) {
			const name = areaLabels[area] ?? subjectLabels[area];
			group = { prefix: `${area}.`, label: name ? name() : area, actions: [] };
			groups.set(area, group);
		}
		group.actions.push({ key, label: label() });
	}
	return [...groups.values()];
}

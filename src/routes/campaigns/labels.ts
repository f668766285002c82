import type { CampaignKind, CampaignState } from '$lib/domain/campaign-scale';
import { m } from '$lib/paraglide/messages';

/** Words for kinds and states, shared by the staff pages. */
export const kindLabel: Record<CampaignKind, () => string> = {
	unit_evaluation: m.campaigns_kind_unit_evaluation,
	top_bottom_ten: m.campaigns_kind_top_bottom_ten,
	appointment_appraisal: m.campaigns_kind_appointment_appraisal,
	democratic_assessment: m.campaigns_kind_democratic_assessment,
	satisfaction_survey: m.campaigns_kind_satisfaction_survey
};

export const kindDescription: Record<CampaignKind, () => string> = {
	unit_evaluation: m.campaigns_kind_unit_evaluation_desc,
	top_bottom_ten: m.campaigns_kind_top_bottom_ten_desc,
	appointment_appraisal: m.campaigns_kind_appointment_appraisal_desc,
	democratic_assessment: m.campaigns_kind_democratic_assessment_desc,
	satisfaction_survey: m.campaigns_kind_satisfaction_survey_desc
};

export const stateLabel: Record<CampaignState, () => string> = {
	draft: m.campaigns_state_draft,
	open: m.campaigns_state_open,
	closed: m.campaigns_state_closed,
	published: m.campaigns_state_published,
	archived: m.campaigns_state_archived
};

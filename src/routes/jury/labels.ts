/** Display names for the jury's codes, in the reader's language. Shared by staff and public pages. */
import type { JurorCategory } from '$lib/domain/jury-composition';
import type { Stratum } from '$lib/domain/jury-draw';
import { m } from '$lib/paraglide/messages';
import type { DescribedReason } from '$lib/server/jury/status-reason';

type Status =
	'applied' | 'approved' | 'active' | 'expired' | 'withdrawn' | 'dismissed' | 'rejected';

export const categoryLabel: Record<JurorCategory, () => string> = {
	enterprise_staff: m.jury_category_enterprise_staff,
	individual_business: m.jury_category_individual_business,
	citizen_representative: m.jury_category_citizen_representative,
	party_congress_delegate: m.jury_category_party_congress_delegate,
	npc_deputy: m.jury_category_npc_deputy,
	cppcc_member: m.jury_category_cppcc_member,
	other: m.jury_category_other
};

export const statusLabel: Record<Status, () => string> = {
	applied: m.jury_status_applied,
	approved: m.jury_status_approved,
	active: m.jury_status_active,
	expired: m.jury_status_expired,
	withdrawn: m.jury_status_withdrawn,
	dismissed: m.jury_status_dismissed,
	rejected: m.jury_status_rejected
};

export const routeLabel = {
	self_nominated: m.jury_route_self_nominated,
	recommended: m.jury_route_recommended
} as const;

export const rosterLabel = {
	jury: m.jury_roster_jury,
	supervisor: m.jury_roster_supervisor
} as const;

export const stratumLabel: Record<Stratum, () => string> = {
	counted: m.jury_stratum_counted,
	other: m.jury_stratum_other
};

/** Field-level error codes from the parsers and the import. */
export const fieldErrorLabel: Record<string, () => string> = {
	required: m.jury_error_required,
	too_long: m.jury_error_too_long,
	phone_format: m.jury_error_phone_format,
	unknown_category: m.jury_error_unknown_category,
	consent_required: m.jury_error_consent_required,
	bad_number: m.jury_error_bad_number,
	unknown_district: m.jury_error_unknown_district,
	district_out_of_scope: m.jury_error_district_out_of_scope,
	unknown_unit: m.jury_error_unknown_unit,
	duplicate_phone: m.jury_error_duplicate_phone,
	duplicate_in_file: m.jury_error_duplicate_in_file,
	supervisor_category: m.jury_error_supervisor_category
};

export function fieldError(code: string | undefined): string | undefined {
	return code ? (fieldErrorLabel[code]?.() ?? code) : undefined;
}

/** A status change's reason: a system code in the reader's language, or the text staff typed. */
export function reasonLabel(why: DescribedReason): string {
	if (why.kind === 'text') return why.text;
	switch (why.code) {
		case 'self_nominated':
			return m.jury_reason_self_nominated();
		case 'recommended':
			return why.recommender
				? m.jury_reason_recommended({ by: why.recommender })
				: m.jury_reason_recommended_plain();
		case 'application_approved':
			return m.jury_reason_application_approved();
		case 'appointed':
			return m.jury_reason_appointed();
		case 'term_renewed':
			return m.jury_reason_term_renewed();
		case 'term_ended':
			return m.jury_reason_term_ended();
	}
}

import { m } from '$lib/paraglide/messages';
import type { PaperRefusal } from './paper';

export function paperMessage(refusal: PaperRefusal): string {
	switch (refusal) {
		case 'same_person':
			return m.campaigns_paper_error_same_person();
		case 'flagged':
			return m.campaigns_paper_error_flagged();
		case 'already_counted':
			return m.campaigns_paper_error_counted();
		case 'tier_changed':
			return m.campaigns_paper_error_tier();
		case 'campaign_state':
			return m.campaigns_paper_error_state();
		case 'not_voidable':
			return m.campaigns_paper_error_not_voidable();
		case 'reason_required':
			return m.campaigns_paper_error_reason();
	}
}

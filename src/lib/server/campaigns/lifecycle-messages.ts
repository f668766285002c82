import type { TransitionRefusal } from '$lib/domain/campaign-lifecycle';
import { m } from '$lib/paraglide/messages';

export function transitionMessage(refusal: TransitionRefusal | 'not_found'): string {
	switch (refusal) {
		case 'not_found':
			return m.campaigns_error_not_found();
		case 'not_allowed':
			return m.campaigns_error_transition();
		case 'no_subjects':
			return m.campaigns_error_no_subjects();
		case 'no_questions':
			return m.campaigns_error_no_questions();
		case 'no_electorate':
			return m.campaigns_error_no_electorate();
		case 'tier_weights':
			return m.campaigns_error_tier_weights();
	}
}

import type { AudienceRefusal } from '$lib/domain/audience';
import { m } from '$lib/paraglide/messages';
import { submitErrorMessage } from '$lib/server/campaigns/messages';
import type { AudienceError } from './audience-ballot';

/** A refused audience ballot in the request's language: what happened and what to do. */
export function audienceErrorMessage(error: AudienceError): string {
	switch (error.code) {
		case 'not_found':
			return m.live_tv_error_not_found();
		case 'not_enabled':
			return m.live_tv_error_not_enabled();
		case 'closed':
			return m.live_tv_error_closed();
		case 'rate_limited':
			return m.live_tv_error_rate_limited({ seconds: error.detail.retryAfterSeconds ?? 60 });
		case 'already_voted':
			return m.live_tv_error_already_voted();
		case 'no_token':
			return m.live_tv_error_no_token();
		case 'token_invalid':
			return m.live_tv_error_token_invalid();
		case 'ballot':
			return error.detail.submitError
				? submitErrorMessage(error.detail.submitError)
				: m.live_error_bad_input();
	}
}

/** A refused host action on audience voting. */
export function audienceControlMessage(refusal: AudienceRefusal | 'not_found'): string {
	switch (refusal) {
		case 'not_found':
			return m.live_error_not_found();
		case 'campaign_finished':
			return m.live_error_audience_campaign_finished();
		case 'already_open':
			return m.live_error_audience_already_open();
		case 'already_closed':
			return m.live_error_audience_already_closed();
		case 'counting_fixed':
			return m.live_error_audience_counting_fixed();
		case 'unchanged':
			return m.live_error_audience_unchanged();
	}
}

import type { ControlRefusal } from '$lib/domain/live-reveal';
import { m } from '$lib/paraglide/messages';

/** A refused host action, in the request's language. */
export function controlMessage(refusal: ControlRefusal | 'not_found'): string {
	switch (refusal) {
		case 'not_found':
			return m.live_error_not_found();
		case 'reveal_started':
			return m.live_error_reveal_started();
		case 'not_sealed':
			return m.live_error_not_sealed();
		case 'voting_open':
			return m.live_error_voting_open();
		case 'all_revealed':
			return m.live_error_all_revealed();
		case 'already_frozen':
			return m.live_error_already_frozen();
		case 'not_frozen':
			return m.live_error_not_frozen();
		case 'rehearsal_running':
			return m.live_error_rehearsal_running();
		case 'no_rehearsal':
			return m.live_error_no_rehearsal();
		case 'rehearsal_full':
			return m.live_error_rehearsal_full();
		case 'results_final':
			return m.live_error_results_final();
	}
}

/** What the host sees after an action went through. */
export const doneMessages: Record<string, () => string> = {
	policy: m.live_host_done_policy,
	reveal: m.live_host_done_reveal,
	freeze: m.live_host_done_freeze,
	unfreeze: m.live_host_done_unfreeze,
	rehearsal_start: m.live_host_done_rehearsal_start,
	rehearsal_stop: m.live_host_done_rehearsal_stop,
	rehearsal_add: m.live_host_done_rehearsal_add,
	open: m.live_host_done_open,
	close: m.live_host_done_close
};

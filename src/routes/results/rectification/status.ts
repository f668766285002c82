import { m } from '$lib/paraglide/messages';

export const rectificationStatusLabel = {
	open: m.results_rect_status_open,
	in_progress: m.results_rect_status_in_progress,
	submitted: m.results_rect_status_submitted,
	closed: m.results_rect_status_closed
} as const;

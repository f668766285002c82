import type { CampaignState } from '$lib/domain/campaign-scale';
import { m } from '$lib/paraglide/messages';

export const liveStateLabel: Record<CampaignState, () => string> = {
	draft: m.live_state_draft,
	open: m.live_state_open,
	closed: m.live_state_closed,
	published: m.live_state_published,
	archived: m.live_state_archived
};

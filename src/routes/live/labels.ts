import type { CampaignState } from '$lib/domain/campaign-scale';
import type { LiveTurnout } from '$lib/domain/live-snapshot';
import { m } from '$lib/paraglide/messages';

export const liveStateLabel: Record<CampaignState, () => string> = {
	draft: m.live_state_draft,
	open: m.live_state_open,
	closed: m.live_state_closed,
	published: m.live_state_published,
	archived: m.live_state_archived
};

/** The tier's name in the page's language: English when there is one, else the Chinese name. */
export function tierName(row: Pick<LiveTurnout, 'name' | 'nameEn'>, locale: string): string | null {
	return locale === 'en' ? (row.nameEn ?? row.name) : row.name;
}

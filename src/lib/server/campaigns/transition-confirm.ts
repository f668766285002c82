/**
 * What an irreversible lifecycle step will do, in the reader's language, for the confirmation
 * that names it before anything changes. Shared by every page that opens, closes or archives a
 * campaign (the campaign page and the live host console), so they warn alike.
 */
import type { CampaignState } from '$lib/domain/campaign-scale';
import { m } from '$lib/paraglide/messages';
import type { Executor } from './definition';
import { countUnresolvedSheets } from './paper';

/** The lifecycle steps staff take by hand; each asks for confirmation first. */
export type LifecycleStep = 'open' | 'closed' | 'archived';

/** A post goes through only when its form carries `confirm=yes` (the confirmation's own form). */
export function isConfirmed(form: FormData): boolean {
	return form.get('confirm') === 'yes';
}

/** The lines the confirmation shows: what the step freezes, deletes or leaves undone. */
export async function transitionConsequence(
	db: Executor,
	campaign: { id: number; state: CampaignState; testMode: boolean },
	to: LifecycleStep
): Promise<string[]> {
	if (to === 'open')
		return [
			m.campaigns_confirm_open(),
			...(campaign.testMode ? [m.campaigns_confirm_open_test()] : [])
		];
	if (to === 'closed') {
		const sheets = await countUnresolvedSheets(db, campaign.id);
		return [
			m.campaigns_confirm_close(),
			...(sheets.awaiting + sheets.mismatch > 0 ? [m.campaigns_paper_unresolved(sheets)] : [])
		];
	}
	return [
		campaign.state === 'draft' ? m.campaigns_confirm_archive_draft() : m.campaigns_confirm_archive()
	];
}

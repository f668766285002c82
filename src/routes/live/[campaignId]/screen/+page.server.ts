import { error } from '@sveltejs/kit';
import { pageSeconds } from '$lib/domain/live-pages';
import { m } from '$lib/paraglide/messages';
import { getPublicSnapshot } from '$lib/server/live/public';
import type { PageServerLoad } from './$types';

/**
 * The TV picture is public; it starts from the current snapshot and then follows the feed.
 * `?page=N` is the page the screen without JavaScript shows (it refreshes itself onto the next);
 * `?seconds=N` how long a page stays up (3–120, default 10).
 */
export const load = (async ({ params, setHeaders, url }) => {
	const snapshot = await getPublicSnapshot(params.campaignId);
	if (!snapshot) error(404, { message: m.live_error_not_found() });
	setHeaders({ 'cache-control': 'no-store' });
	return {
		snapshot,
		page: wholeNumber(url.searchParams.get('page'), 1, 10_000, null),
		seconds: wholeNumber(url.searchParams.get('seconds'), 3, 120, pageSeconds)
	};
}) satisfies PageServerLoad;

function wholeNumber<T extends number | null>(
	text: string | null,
	min: number,
	max: number,
	fallback: T
): number | T {
	const n = Number(text);
	return text !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/**
 * Region scope of the results pages: leaders and organizers see the campaigns, interviews and
 * ranking groups of their regions (and everything below); organizers change only those. Outside
 * the scope a page answers 404, as the campaign pages do, so ids cannot be probed.
 */
import { regionScope } from '$lib/server/auth/region-scope';
import type { AuthUser } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db';

type Db = Pick<Database, 'execute'>;

/** Regions a reader may see: the union of their leader and organizer grants (null: all). */
export async function readScope(db: Db, user: AuthUser | null): Promise<number[] | null> {
	const [leader, organizer] = await Promise.all([
		regionScope(db, user, 'leader'),
		regionScope(db, user, 'organizer')
	]);
	if (leader === null || organizer === null) return null;
	return [...new Set([...leader, ...organizer])].sort((a, b) => a - b);
}

/** Regions in which a user may change results: their organizer grants (null: all). */
export function writeScope(db: Db, user: AuthUser | null): Promise<number[] | null> {
	return regionScope(db, user, 'organizer');
}

/** A record without a region is installation-wide: only users without a region limit reach it. */
export function inScope(scope: number[] | null, regionId: number | null): boolean {
	return scope === null || (regionId !== null && scope.includes(regionId));
}

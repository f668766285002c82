import { error } from '@sveltejs/kit';
import type { AuthUser } from '$lib/server/auth/types';
import { regionScope } from '$lib/server/auth/region-scope';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import { m } from '$lib/paraglide/messages';
import { getBallotDefinition, type BallotDefinition } from './definition';

/** Regions whose campaigns an organizer manages: null for all (admin or a city-wide grant). */
export function organizerScope(user: AuthUser | null): Promise<number[] | null> {
	return regionScope(getDatabase().db, user, 'organizer');
}

/** A campaign without a region is city-wide: only organizers without a region limit see it. */
export function inScope(scope: number[] | null, regionId: number | null): boolean {
	return scope === null || (regionId !== null && scope.includes(regionId));
}

/**
 * The campaign a staff page works on, or 404 when it does not exist or lies outside the
 * organizer's regions (the same answer, so the id space cannot be probed).
 */
export async function requireCampaign(
	user: AuthUser | null,
	idParam: string
): Promise<BallotDefinition> {
	const id = parseRowId(idParam);
	const definition = id === null ? null : await getBallotDefinition(getDatabase().db, id);
	if (!definition || !inScope(await organizerScope(user), definition.campaign.regionId))
		error(404, { message: m.campaigns_error_not_found() });
	return definition;
}

/**
 * Region checks for the results pages: a campaign outside the user's regions answers 404 (the
 * same as a missing one, so ids cannot be probed); writes need the organizer's regions.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { AuthUser } from '$lib/server/auth/types';
import { getDatabase } from '$lib/server/db';
import { parseRowId } from '$lib/server/db/ids';
import * as table from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { inScope, readScope, writeScope } from './scope';

export function idOrNotFound(value: string): number {
	const id = parseRowId(value);
	if (id === null) error(404, { message: m.results_error_not_found() });
	return id;
}

/** The campaign, when it exists and lies in the user's read scope (writes: organizer scope). */
export async function campaignInScope(
	user: AuthUser | null,
	idParam: string,
	mode: 'read' | 'write' = 'read'
): Promise<table.Campaign> {
	const db = getDatabase().db;
	const id = idOrNotFound(idParam);
	const [campaign] = await db.select().from(table.campaign).where(eq(table.campaign.id, id));
	const scope = mode === 'read' ? await readScope(db, user) : await writeScope(db, user);
	if (!campaign || !inScope(scope, campaign.regionId))
		error(404, { message: m.results_error_not_found() });
	return campaign;
}

/** Whether the user may change this campaign's results: an organizer of its region. */
export async function canWriteCampaign(
	user: AuthUser | null,
	campaign: Pick<table.Campaign, 'regionId'>
): Promise<boolean> {
	if (!user?.roles.some((g) => g.role === 'organizer' || g.role === 'admin')) return false;
	return inScope(await writeScope(getDatabase().db, user), campaign.regionId);
}

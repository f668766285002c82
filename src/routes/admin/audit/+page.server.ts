import { listAuditEvents } from '$lib/server/auth/admin-queries';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// The guard admits admins and auditors (route-rules.ts: '/admin/audit').
export const load = (async ({ url }) => {
	const requested = Number(url.searchParams.get('page') ?? '1');
	const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
	return await listAuditEvents(getDatabase().db, page);
}) satisfies PageServerLoad;
